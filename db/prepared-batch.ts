// Read batches built once per isolate: Drizzle turns each query into SQL (its entity checks, the
// SQL assembly) every time one is built, which was the Worker's largest JavaScript cost per update
// (issue 15's profile: 4.9 ms). A batch whose queries take their values as `sql.placeholder(name)`
// is built the first time its shape is asked for; after that only the values are filled in.
import { fillPlaceholders } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/libsql/http";
import type { Client } from "@libsql/client/http";
import type { Db, DbHandle } from "./client.ts";

/** What Drizzle's own batch takes from each query (drizzle-orm/libsql/session.js): its SQL with parameters, and how to read its rows. */
interface Built {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch: boolean): unknown;
}

/** Builds queries and never runs them: a prepared query reads its rows without its client. */
const builder: Db = drizzle({ client: {} as Client });

const shapes = new Map<string, Built[]>();

/**
 * Runs `build`'s queries as one read batch (one round trip), with `values` for their placeholders.
 * `shape` names everything that changes which queries `build` makes or how (never a value): the
 * batch is built once per shape and isolate.
 */
export async function preparedReadBatch<T extends readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]>(
  handle: DbHandle,
  shape: string,
  build: (db: Db) => T,
  values: Record<string, unknown>,
): Promise<BatchResponse<T>> {
  let built = shapes.get(shape);
  if (!built) shapes.set(shape, (built = build(builder).map((query) => (query as unknown as { _prepare(): Built })._prepare())));
  const results = await handle.client.batch(
    built.map((b) => {
      const { sql, params } = b.getQuery();
      return { sql, args: fillPlaceholders(params, values) as never };
    }),
    "read",
  );
  return results.map((result, i) => built[i]!.mapResult(result, true)) as BatchResponse<T>;
}
