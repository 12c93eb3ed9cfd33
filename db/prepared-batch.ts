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

/** A batch's queries in named groups; a group left out (undefined) sends nothing. */
export type QueryGroups = Record<string, readonly BatchItem<"sqlite">[] | undefined>;

/** A group's rows, query by query; undefined for a group left out. */
type Rows<G> = G extends readonly BatchItem<"sqlite">[] ? BatchResponse<G> : undefined;

/** Each group's rows under the group's name. */
export type GroupRows<T extends QueryGroups> = { [K in keyof T]: Rows<T[K]> };

interface Prepared {
  queries: Built[];
  /** Each group's name and how many of the queries, in order, are its. */
  groups: [string, number][];
}

/** Builds queries and never runs them: a prepared query reads its rows without its client. */
const builder: Db = drizzle({ client: {} as Client });

const shapes = new Map<string, Prepared>();

function prepare(groups: QueryGroups): Prepared {
  const present = Object.entries(groups).flatMap(([name, queries]) => (queries ? [[name, queries] as const] : []));
  return {
    queries: present.flatMap(([, queries]) => queries.map((query) => (query as unknown as { _prepare(): Built })._prepare())),
    groups: present.map(([name, queries]) => [name, queries.length]),
  };
}

/**
 * Runs `build`'s queries as one read batch (one round trip), with `values` for their placeholders.
 * `shape` names everything that changes which queries `build` makes or how (never a value): the
 * batch is built once per shape and isolate.
 */
export async function preparedReadBatch<T extends QueryGroups>(
  handle: DbHandle,
  shape: string,
  build: (db: Db) => T,
  values: Record<string, unknown>,
): Promise<GroupRows<T>> {
  let prepared = shapes.get(shape);
  if (!prepared) shapes.set(shape, (prepared = prepare(build(builder))));
  const { queries, groups } = prepared;
  const results = await handle.client.batch(
    queries.map((q) => {
      const { sql, params } = q.getQuery();
      return { sql, args: fillPlaceholders(params, values) as never };
    }),
    "read",
  );
  const rows: Record<string, unknown[]> = {};
  let at = 0;
  for (const [name, size] of groups) {
    rows[name] = results.slice(at, at + size).map((result, i) => queries[at + i]!.mapResult(result, true));
    at += size;
  }
  return rows as unknown as GroupRows<T>;
}
