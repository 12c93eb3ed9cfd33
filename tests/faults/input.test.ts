// Input that breaks naive bots: updates out of order, and text with HTML, SQL, right-to-left
// script, zero-width characters, emoji, and more than Telegram's 4,096 characters.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { joinedSpecialist } from "../worker/support/admin.ts";
import { rows } from "../worker/support/db.ts";
import { registeredInvestor } from "../worker/support/flows.ts";
import { textUpdate, uniqueId, type RecordedCall } from "../worker/support/telegram.ts";
import { post } from "./support.ts";

const EDGE = [
  `<b>bold</b> & <script>alert("x")</script> &amp; &lt;`,
  `'; DROP TABLE cases; -- " OR 1=1`,
  "مرحبا بالعالم שלום",
  "zero\u200Bwidth\u200Djoiner",
  "🇨🇳🏝️👩🏽‍💼",
].join(" ");

/** `text` padded with Chinese characters to exactly `length` characters (code points). */
const exactly = (length: number, text = EDGE) => text + "汉".repeat(length - [...text].length);

async function allCallsSince(seq: number): Promise<RecordedCall[]> {
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls`);
  return ((await response.json()) as RecordedCall[]).filter((c) => c.seq > seq);
}

describe("updates out of order", () => {
  it("takes an older update that arrives after a newer one, once each, and loses neither", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    const older = uniqueId();
    const policy = { ...textUpdate(chat.userId, "Zero-tariff policy"), update_id: older + 1 };
    const question = { ...textUpdate(chat.userId, "Does a lease of imported equipment qualify?"), update_id: older };
    // The newer update (the policy) arrives first; the older one (the question) after it.
    expect((await post(policy)).status).toBe(200);
    expect((await post(question)).status).toBe(200);
    expect((await post(policy)).status).toBe(200);
    const review = (await chat.said()).at(-1)!;
    expect(review).toContain("Zero-tariff policy");
    expect(review).toContain("Does a lease of imported equipment qualify?");
    const seen = await rows<{ n: number }>("SELECT count(*) AS n FROM processed_updates WHERE update_id IN (?, ?)", [policy.update_id, question.update_id]);
    expect(seen).toEqual([{ n: 2 }]);
  });
});

describe("edge text", () => {
  it("keeps HTML, SQL, RTL, zero-width and emoji text exactly, and every message it causes is accepted by Telegram", async () => {
    await joinedSpecialist();
    const { chat } = await registeredInvestor("en");
    const { seq: mark } = (await allCallsSince(0)).at(-1) ?? { seq: 0 };
    await chat.send("/urgent");
    const difficulty = exactly(2000);
    const impact = exactly(1000, "⚠️ <i>impact</i>");
    const help = exactly(1000, "help & 'support'");
    const reason = exactly(500, "RTL ‏مرحبا");
    await chat.send(difficulty);
    await chat.send(impact);
    await chat.send(help);
    await chat.tap("Yes");
    await chat.send(reason);
    const confirmation = (await chat.tap("✔ Submit")).join("\n");
    const ref = /HN-\d{4}-\d{6}/.exec(confirmation)![0];
    expect((await chat.send(`/status ${ref}`)).join("\n")).toContain(ref);
    expect((await chat.send("/cases")).join("\n")).toContain(ref);

    const [stored] = await rows<{ details: string; summary: string }>("SELECT details, summary FROM cases WHERE created_by = ?", [chat.userId]);
    expect(JSON.parse(stored!.details)).toMatchObject({ difficulty, impact, help_asked: help, urgency_reason: reason });
    expect(await rows("SELECT count(*) AS n FROM sqlite_master WHERE name = 'cases'")).toEqual([{ n: 1 }]);
    // Telegram refused nothing: every text was escaped and fits in 4,096 characters once parsed.
    const refused = (await allCallsSince(mark)).filter((c) => c.status === 400);
    expect(refused.map((c) => [c.response, String(c.payload.text).slice(0, 300), String(c.payload.text).length])).toEqual([]);
  });

  it("refuses an answer over the field's limit (even past 4,096) in both languages, naming the field and the rule, and keeps the step", async () => {
    const { chat } = await registeredInvestor("zh");
    await chat.send("/policy");
    await chat.send("零关税政策");
    const error = (await chat.send(exactly(5000))).join("\n");
    expect(error).toMatch(/问题/);
    expect(error).toMatch(/最多 2,000 个字（当前 5,000 个）/);
    expect(error).toMatch(/at most 2,000 characters \(it has 5,000\)/);
    const review = (await chat.send("融资租赁进口设备是否适用零关税政策？")).join("\n");
    expect(review).toContain("融资租赁进口设备是否适用零关税政策？");
    expect(await rows("SELECT id FROM cases WHERE created_by = ?", [chat.userId])).toEqual([]);
  });
});
