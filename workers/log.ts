// Structured logs: one JSON line per update and per tick. Callers pass ids, kinds, counts and
// timings only; never tokens, message text, names or phone numbers.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function logEvent(event: string, fields: LogFields): void {
  console.log(JSON.stringify({ event, ...fields }));
}

export function logError(event: string, error: unknown, fields: LogFields = {}): void {
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(JSON.stringify({ event, level: "error", error: err.name, reason: err.message.slice(0, 300), ...fields }));
}
