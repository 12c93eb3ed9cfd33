// A batch the libSQL server answered SQLITE_BUSY wrote nothing: db/client.ts sends it again a few
// times before the webhook answers 503 (issue 15: submits at 20 concurrent failed once in 200).
import { LibsqlError } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { retryWhileBusy } from "../../db/client.ts";

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
});
