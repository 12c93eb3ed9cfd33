// A flood of public GETs (the deadline preview, the case page and its JSON, /healthz): after the first
// request of each, the answers come from the Cache API and the database sees none of the rest.
// Counted at the fault suite's database proxy, which sees every request the Worker makes to sqld.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { viaBot } from "../worker/support/pair.ts";
import { filePolicyQuestion, registeredInvestor } from "../worker/support/flows.ts";
import { dbControl, settle } from "./support.ts";

const get = (path: string) => viaBot(new Request(`http://desk.test${path}`, { headers: { "accept-language": "en" } }));
const dbRequests = async () => (await dbControl("stats")).forwarded;

describe("a flood of the same public GET", () => {
  it("reaches the database for the first request only, and every answer is the first one's", async () => {
    const { chat } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    const confirmation = (await chat.messages()).map((m) => String(m.payload.text)).find((text) => text.includes(filed.ref))!;
    const token = /\/s\/([A-Za-z0-9_-]{32})/.exec(confirmation)![1]!;
    await settle();

    const paths: [string, number][] = [
      ["/api/deadline?kind=urgent&from=2026-03-02T10:00:00%2B08:00", 200],
      [`/s/${token}`, 200],
      [`/s/${token}?lang=zh&embed=1`, 200],
      [`/api/cases/${token}`, 200],
      [`/s/${"Z".repeat(32)}`, 404],
      ["/healthz", 200],
    ];
    for (const [path, status] of paths) {
      const before = await dbRequests();
      const first = await get(path);
      expect(first.status, path).toBe(status);
      const body = await first.text();
      const headers = [...first.headers].filter(([name]) => name !== "date");
      expect(await dbRequests(), path).toBeGreaterThan(before);

      const read = await dbRequests();
      for (let i = 0; i < 20; i++) {
        const again = await get(path);
        expect([again.status, await again.text()], path).toEqual([status, body]);
        expect([...again.headers].filter(([name]) => name !== "date" && name !== "age"), path).toEqual(headers);
      }
      expect(await dbRequests(), `${path}: database requests during the flood`).toBe(read);
    }
  });
});
