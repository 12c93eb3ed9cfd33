// The database fails on purpose: mid-update, and between cron ticks.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { settingsOf } from "../../lib/settings.ts";
import { digestJob } from "../../workers/jobs/digest.ts";
import { runTick } from "../../workers/scheduled.ts";
import { bj, pastCase, textsTo, tick } from "../worker/support/cron.ts";
import { rows } from "../worker/support/db.ts";
import { registeredInvestor } from "../worker/support/flows.ts";
import { textUpdate, uniqueId } from "../worker/support/telegram.ts";
import { dbControl, post, settle } from "./support.ts";

describe("the database fails in the middle of an update", () => {
  async function atReview() {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    const submit = chat.callback(await chat.buttonData("✔ Submit"));
    await settle();
    await chat.said();
    return { chat, submit, cases: () => rows("SELECT id FROM cases WHERE created_by = ?", [chat.userId]) };
  }

  it("refuse: the commit never reaches sqld; 503, nothing stored or sent; the redelivery stores the case once and confirms it", async () => {
    const { chat, submit, cases } = await atReview();
    await dbControl("fault", { mode: "refuse", after: 1, times: 1 });
    expect((await post(submit)).status).toBe(503);
    expect(await cases()).toHaveLength(0);
    expect(await chat.said()).toEqual([]);
    expect((await dbControl("stats")).refused).toBeGreaterThan(0);

    expect((await post(submit)).status).toBe(200);
    expect(await cases()).toHaveLength(1);
    expect((await chat.said()).filter((text) => /HN-\d{4}-\d{6}/.test(text))).toHaveLength(1);
    expect(await rows("SELECT count(*) AS n FROM processed_updates WHERE update_id = ?", [submit.update_id])).toEqual([{ n: 1 }]);
  });

  it("lose-answer: sqld commits but its answer is lost; the redelivery sends the kept confirmation, once", async () => {
    const { chat, submit, cases } = await atReview();
    await dbControl("fault", { mode: "lose-answer", after: 1, times: 1 });
    // The Worker cannot know the batch committed: it sends nothing and asks for a redelivery.
    expect((await post(submit)).status).toBe(503);
    expect((await dbControl("stats")).lost).toBeGreaterThan(0);
    expect(await cases()).toHaveLength(1);
    expect(await chat.said()).toEqual([]);
    const [kept] = await rows<{ replies: string }>("SELECT replies FROM processed_updates WHERE update_id = ?", [submit.update_id]);
    const [stored] = await rows<{ ref: string }>("SELECT ref FROM cases WHERE created_by = ?", [chat.userId]);
    expect(kept!.replies).toContain(stored!.ref);

    // Too soon, the first delivery might still be sending them: Telegram is asked to come back.
    expect((await post(submit)).status).toBe(503);
    expect(await chat.said()).toEqual([]);
    // Later, the redelivery takes the kept replies over and sends them; the case stays one.
    const later = 60_000;
    const redelivered = await post(submit, later);
    expect(redelivered.status).toBe(200);
    expect(await redelivered.json()).toMatchObject({ outcome: "resent" });
    const confirmations = (await chat.said()).filter((text) => text.includes(stored!.ref));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatch(/was received as <b>HN-\d{4}-\d{6}<\/b>/);
    expect(await cases()).toHaveLength(1);
    // Sent, then let go: nothing personal stays with the mark, and a further delivery sends nothing.
    expect(await rows("SELECT replies, replies_chat_id FROM processed_updates WHERE update_id = ?", [submit.update_id])).toEqual([{ replies: null, replies_chat_id: null }]);
    expect(await (await post(submit, later * 2)).json()).toMatchObject({ outcome: "duplicate" });
    expect(await chat.said()).toEqual([]);
  });
});

describe("the database fails during the daily digest", () => {
  // The digest alone, so the requests are counted: 1 the day's calendar and marker, 2 the digest's
  // reads, 3 the marker with the digests. Each day is a different working day of its own.
  it.each([
    ["refuse", 1, "2026-06-16"],
    ["refuse", 2, "2026-06-17"],
    ["lose-answer", 2, "2026-06-18"],
  ] as const)("%s after %i requests: the next tick sends the day's digest, once", async (mode, after, day) => {
    const c = await pastCase(bj("2026-06-10", "10:00:00"), bj("2026-06-11", "23:59:59"), bj("2026-06-30", "23:59:59"));
    const digests = () => rows("SELECT 1 FROM outbox WHERE dedupe_key = ?", [`digest:${day}:${c.specialist.id}`]);
    await settle();
    await dbControl("fault", { mode, after, times: 1 });
    const first = await runTick(settingsOf(env), bj(day, "09:00:30"), "*/5 * * * *", [digestJob]);
    expect(first.jobs.digest).toHaveProperty("error");
    await dbControl("clear");
    await runTick(settingsOf(env), bj(day, "09:05:00"), "*/5 * * * *", [digestJob]);
    await runTick(settingsOf(env), bj(day, "09:10:00"), "*/5 * * * *", [digestJob]);
    expect(await digests()).toHaveLength(1);
  });
});

describe("sqld stopped and started again", () => {
  it("a tick while it is down sends nothing; after the restart every reminder and the ladder's draft come once", async () => {
    // First response and assessment due Tue 3 Mar: missed; the reminder letter is drafted Wed 4 Mar 09:00.
    const c = await pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"));
    const owner = c.specialist.chat.userId;
    await tick(bj("2026-03-04"));
    const before = await textsTo(owner);
    expect(before.filter((t) => t.includes(c.ref)).length).toBeGreaterThan(0);

    await settle();
    await dbControl("stop");
    try {
      await tick(bj("2026-03-04", "09:10:00")).catch(() => undefined);
      expect(await textsTo(owner)).toEqual(before);
    } finally {
      await dbControl("start");
    }

    await tick(bj("2026-03-04", "09:15:00"));
    expect(await textsTo(owner)).toEqual(before);
    await tick(bj("2026-03-05"));
    await tick(bj("2026-03-05", "09:10:00"));
    // One ladder per case: the draft waits for sign-off, once.
    expect(await rows("SELECT level, status FROM supervision_notices WHERE case_id = ?", [c.id])).toEqual([{ level: 1, status: "draft" }]);
    expect(await rows("SELECT dedupe_key FROM outbox WHERE case_id = ? GROUP BY dedupe_key HAVING count(*) > 1", [c.id])).toEqual([]);
    const overdue = (await textsTo(owner)).filter((t) => t.includes(c.ref) && /已超过时限/.test(t));
    expect(overdue).toHaveLength(2);
  });

  it("the webhook works again at once after the restart: no stale connection is kept", async () => {
    await settle();
    await dbControl("stop");
    const user = uniqueId();
    const update = textUpdate(user, "/start");
    try {
      expect((await post(update)).status).toBe(503);
    } finally {
      await dbControl("start");
    }
    expect((await post(update)).status).toBe(200);
    expect(await rows("SELECT telegram_id FROM users WHERE telegram_id = ?", [user])).toHaveLength(1);
  });
});
