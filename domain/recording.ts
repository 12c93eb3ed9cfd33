// Cases recorded by staff (a 12345 ticket, a counter, 企业码, a phone call): what makes a record
// acceptable, before the case module counts its dues from the time of receipt. Pure: the caller
// passes now. A refusal names the field and the rule (`rule-<code>` in the catalogs).
import { RECORDED_CHANNELS, RECORDING_ROLES, type RecordedChannel, type SpecialistRole } from "./vocabulary.ts";

/** A receipt may be back-dated to the hotline's timestamp, at most this far. */
export const RECEIPT_MAX_DAYS_BACK = 30;
/** Clocks differ a little: a receipt this far ahead of now is taken as now. */
export const RECEIPT_CLOCK_SKEW_MS = 60_000;
const DAY_MS = 86_400_000;

export interface Refusal {
  field: string;
  code: string;
  args?: Record<string, string | number>;
}

export function mayRecord(role: SpecialistRole): boolean {
  return (RECORDING_ROLES as readonly string[]).includes(role);
}

export function isRecordedChannel(value: string): value is RecordedChannel {
  return (RECORDED_CHANNELS as readonly string[]).includes(value);
}

/** The time of receipt: not in the future, not more than 30 days back. */
export function checkReceipt(receivedAt: number, now: number): Refusal | undefined {
  if (!Number.isFinite(receivedAt)) return { field: "received_at", code: "receipt-time" };
  if (receivedAt > now + RECEIPT_CLOCK_SKEW_MS) return { field: "received_at", code: "receipt-future" };
  if (receivedAt < now - RECEIPT_MAX_DAYS_BACK * DAY_MS) return { field: "received_at", code: "receipt-too-old", args: { days: RECEIPT_MAX_DAYS_BACK } };
  return undefined;
}

/** A 12345 ticket number: letters, digits and dashes, 4–40; required for the hotline, not taken elsewhere. */
export function checkTicket(channel: RecordedChannel, ticket: string): Refusal | undefined {
  if (channel !== "hotline_12345") return ticket ? { field: "ticket_no", code: "ticket-only-hotline" } : undefined;
  if (!ticket) return { field: "ticket_no", code: "required" };
  return /^[A-Za-z0-9-]{4,40}$/.test(ticket) ? undefined : { field: "ticket_no", code: "ticket-format" };
}

/** The time of receipt as staff type it, Beijing time: `YYYY-MM-DD HH:MM` (or the browser's `YYYY-MM-DDTHH:MM`). */
export function parseBeijingMinute(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3])[:：]([0-5]\d)$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h - 8, mi);
  // 2026-02-30 rolls over in Date.UTC: refuse rather than move the day.
  const back = new Date(at + 8 * 3_600_000);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? at : undefined;
}
