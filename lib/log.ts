// Structured logs: one JSON line per update and per tick. Callers pass ids, kinds, counts and
// timings only; never tokens, message text, names or phone numbers.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * What a log line may cost: a routine update (processed, within its round-trip budget, not slow) and a
 * clean outbox drain write none, since Workers Logs (observability) already records every request's
 * status, duration and CPU time; each console line costs CPU in the isolate (and ~8 ms more in
 * wrangler's node under `wrangler dev`). Redeliveries, duplicates, handler errors, slow updates and
 * failed sends always get their line. LOG_EVERY_UPDATE=1 logs every one.
 */
export const SLOW_UPDATE_MS = 1000;

export function logEvent(event: string, fields: LogFields): void {
  console.log(JSON.stringify({ event, ...fields }));
}

/**
 * The reason of an error, without the values it carries: Drizzle's "Failed query" message ends
 * with the query's parameters (names, phone numbers, token hashes), so it is cut before them and
 * the underlying cause (e.g. "Network connection lost") is told instead.
 */
export function errorReason(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const own = err.message.replace(/\nparams:[\s\S]*$/, "");
  const cause = err.cause instanceof Error ? ` (cause: ${errorReason(err.cause)})` : "";
  return `${own.slice(0, 300)}${cause}`;
}

export function logError(event: string, error: unknown, fields: LogFields = {}): void {
  const name = error instanceof Error ? error.name : "Error";
  console.error(JSON.stringify({ event, level: "error", error: name, reason: errorReason(error), ...fields }));
}
