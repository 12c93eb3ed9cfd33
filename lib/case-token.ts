// Tokens of the public case pages (/s/<token>): 192 bits from HMAC-SHA256 over the case id and a
// token generation, so every status update can carry the link without the token being stored;
// only its SHA-256 is kept (cases.public_token_hash), to find the case. Revoking = a new generation.
import { base64url, hmacSha256 } from "./crypto.ts";
import type { Settings } from "./settings.ts";

/** The secret that signs case links: its own setting, else one derived from the webhook secret (domain-separated). */
function linkSecret(settings: Settings): string {
  return settings.CASE_LINK_SECRET ?? `case-link:${settings.TELEGRAM_WEBHOOK_SECRET}`;
}

export async function caseToken(settings: Settings, caseId: string, generation = 1): Promise<string> {
  const mac = await hmacSha256(linkSecret(settings), `case-page:${caseId}:${generation}`);
  return base64url(mac.slice(0, 24));
}

export function caseLink(settings: Settings, token: string): string {
  return new URL(`/s/${token}`, settings.PUBLIC_BASE_URL).toString();
}
