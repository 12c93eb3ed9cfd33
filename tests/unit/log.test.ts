import { describe, expect, it } from "vitest";
import { errorReason } from "../../lib/log.ts";

describe("errorReason", () => {
  it.each([
    ["a plain error", new Error("Network connection lost"), "Network connection lost"],
    ["not an Error", "boom", "boom"],
    [
      "a failed query: the parameters (personal data) are cut, the cause is told",
      new Error('Failed query: insert into "users" ("display_name", "phone") values (?, ?)\nparams: Jane Doe,13800138000', { cause: new Error("SQLITE_BUSY") }),
      'Failed query: insert into "users" ("display_name", "phone") values (?, ?) (cause: SQLITE_BUSY)',
    ],
  ])("%s", (_, error, expected) => {
    expect(errorReason(error)).toBe(expected);
  });
});
