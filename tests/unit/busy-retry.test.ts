// A batch the libSQL server answered SQLITE_BUSY wrote nothing, and a request it answered HTTP 429
// (no free connection in time) never ran: db/client.ts sends it again a few times before the webhook
// answers 503 (issue 15: submits at 20 concurrent failed once in 200).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LibsqlError } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { openDb, retryWhileBusy } from "../../db/client.ts";

const busy = () => new LibsqlError("SQLITE_BUSY: SQLite error: database is locked", "SQLITE_BUSY");

describe("retryWhileBusy", () => {
  it("sends a batch again after SQLITE_BUSY and returns its result", async () => {
    let calls = 0;
    const result = await retryWhileBusy(async () => {
      calls += 1;
      if (calls < 3) throw busy();
      return "committed";
    }, [1, 1, 1]);
    expect(result).toBe("committed");
    expect(calls).toBe(3);
  });

  it("gives up after its waits and throws the last SQLITE_BUSY (the webhook then answers 503)", async () => {
    let calls = 0;
    const attempt = retryWhileBusy(async () => {
      calls += 1;
      throw busy();
    }, [1, 1]);
    await expect(attempt).rejects.toThrow(/SQLITE_BUSY/);
    expect(calls).toBe(3);
  });

  it.each([
    ["a constraint (a redelivered update's mark)", new LibsqlError("SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_updates.update_id", "SQLITE_CONSTRAINT")],
    ["an unreachable server", new TypeError("fetch failed")],
    ["a server error that may have run it (HTTP 500)", new LibsqlError("SERVER_ERROR: Server returned HTTP status 500", "SERVER_ERROR")],
  ])("never sends again after %s", async (_, error) => {
    let calls = 0;
    await expect(
      retryWhileBusy(async () => {
        calls += 1;
        throw error;
      }, [1, 1]),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it("sends a batch and a statement again when sqld answers HTTP 429 (it found no connection for them in time and ran nothing)", async () => {
    // A Hrana-over-HTTP server that refuses the first request of each kind as sqld does, then answers.
    const bodies: string[] = [];
    let refused = 0;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        bodies.push(body);
        if (bodies.length % 2 === 1) {
          refused += 1;
          res.writeHead(429, { "content-type": "text/plain" }).end("Too many requests");
          return;
        }
        const requests = (JSON.parse(body) as { requests: { type: string; batch?: { steps: unknown[] } }[] }).requests;
        const row = { cols: [{ name: "one" }], rows: [[{ type: "integer", value: "1" }]], affected_row_count: 0, last_insert_rowid: null };
        const results = requests.map((r) => ({
          type: "ok",
          response:
            r.type === "batch"
              ? { type: "batch", result: { step_results: r.batch!.steps.map(() => row), step_errors: r.batch!.steps.map(() => null) } }
              : r.type === "execute"
                ? { type: "execute", result: row }
                : { type: r.type },
        }));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ baton: null, base_url: null, results }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const handle = openDb({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      const [batch] = await handle.client.batch(["SELECT 1 AS one"], "write");
      expect(batch!.rows[0]!.one).toBe(1);
      const single = await handle.client.execute("SELECT 1 AS one");
      expect(single.rows[0]!.one).toBe(1);
      expect(refused).toBe(2);
      expect(handle.roundTrips()).toBe(4);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
