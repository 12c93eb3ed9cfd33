// One libSQL client per request (never at module load: env differs per request in tests and the
// isolate may outlive a secret rotation). The client is wrapped to count round trips, which the
// logs and the benchmark report, and to run batches as IMMEDIATE write transactions.
import { createClient, type Client, type InStatement, type TransactionMode } from "@libsql/client/http";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/http";

/** No relational schema: the code builds its queries from the tables, and drizzle would walk the whole schema for each request's client. */
export type Db = LibSQLDatabase;

export interface DbHandle {
  db: Db;
  client: Client;
  /** Runs drizzle queries as one read-only batch: one round trip, one consistent snapshot. */
  readBatch: Db["batch"];
  /** Network round trips to the libSQL server made through this handle so far. */
  roundTrips(): number;
}

export interface DbSettings {
  url: string;
  authToken?: string | undefined;
}

/** The client for a Worker's settings. */
export const openDbFor = (settings: { LIBSQL_URL: string; LIBSQL_AUTH_TOKEN?: string | undefined }): DbHandle =>
  openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN });

/** Tries after the server was busy, with their waits (ms, each plus up to as much again at random so the losers spread out). */
export const BUSY_RETRY_WAITS_MS = [25, 100, 400, 1000];

/**
 * Sends a request again when the server was too busy to run it, rather than answering 503 and making
 * Telegram redeliver: SQLITE_BUSY (the write lock stayed taken past its busy timeout; a batch is one
 * transaction, a lone statement its own, so nothing was written) or HTTP 429 (sqld found no free
 * connection for it in time and ran nothing). Any other error is the caller's.
 */
export async function retryWhileBusy<T>(send: () => Promise<T>, waits: readonly number[] = BUSY_RETRY_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const wait = waits[attempt];
      if (wait === undefined || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    }
  }
}

function isBusy(error: unknown): boolean {
  const { code, message, cause } = (error ?? {}) as { code?: unknown; message?: unknown; cause?: { status?: unknown } };
  return code === "SQLITE_BUSY" || cause?.status === 429 || /SQLITE_BUSY|database is locked/.test(String(message));
}

export function openDb(settings: DbSettings): DbHandle {
  const raw = createClient({ url: settings.url, authToken: settings.authToken });
  let trips = 0;
  let nextMode: TransactionMode | undefined;
  const counted = new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === "execute" || prop === "executeMultiple" || prop === "migrate") {
        // A lone statement is its own transaction: busy, it ran nothing either (executeMultiple and migrate are scripts: never resent).
        const send = (args: unknown[]) => {
          trips += 1;
          return (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
        return prop === "execute" ? (...args: unknown[]) => retryWhileBusy(() => send(args)) : (...args: unknown[]) => send(args);
      }
      if (prop === "batch") {
        // Write batches take the write lock up front, so concurrent batches queue instead of failing on upgrade.
        return (stmts: InStatement[], mode?: TransactionMode) => {
          const chosen = mode ?? nextMode ?? "write";
          nextMode = undefined;
          return retryWhileBusy(() => {
            trips += 1;
            return target.batch(stmts, chosen);
          });
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  const db = drizzle(counted);
  // drizzle calls client.batch synchronously inside db.batch, so the mode set here reaches that call.
  const readBatch = ((items: Parameters<Db["batch"]>[0]) => {
    nextMode = "read";
    try {
      return db.batch(items as Parameters<Db["batch"]>[0]);
    } finally {
      nextMode = undefined;
    }
  }) as unknown as Db["batch"];
  return { db, client: counted, readBatch, roundTrips: () => trips };
}
