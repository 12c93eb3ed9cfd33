// Case events for the Hainan Free Trade Port International Service Portal: one signed POST per outbox row. The portal
// checks X-Desk-Signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">) and drops an
// X-Desk-Event-Id it has seen: delivery is at least once, like any webhook with retries.
import { hex, hmacSha256 } from "../../lib/crypto.ts";
import type { JobsSettings } from "../../lib/settings.ts";

export interface PortalTarget {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** The portal answered, but not with a 2xx. */
export class PortalError extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`portal answered ${status}`);
    this.name = "PortalError";
    this.status = status;
  }
}

export function portalTarget(settings: JobsSettings): PortalTarget | undefined {
  if (!settings.PORTAL_WEBHOOK_URL || !settings.PORTAL_WEBHOOK_SECRET) return undefined;
  return { url: settings.PORTAL_WEBHOOK_URL, secret: settings.PORTAL_WEBHOOK_SECRET, timeoutMs: settings.TELEGRAM_TIMEOUT_SECONDS * 1000 };
}

export async function portalSignature(secret: string, timestamp: number, body: string): Promise<string> {
  return hex(await hmacSha256(secret, `${timestamp}.${body}`));
}

/** POSTs one event; `at` (ms) is the drain's clock, so a replayed tick signs with its own time. */
export async function postPortalEvent(target: PortalTarget, eventId: string, payload: unknown, at: number): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(at / 1000);
  const response = await fetch(target.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-desk-event-id": eventId,
      "x-desk-signature": `t=${timestamp},v1=${await portalSignature(target.secret, timestamp, body)}`,
    },
    body,
    signal: AbortSignal.timeout(target.timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new PortalError(response.status);
}
