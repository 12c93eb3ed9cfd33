import { describe, expect, it } from "vitest";
import { admin } from "./support/admin.ts";
import { viaBot } from "./support/pair.ts";
import { Chat } from "./support/chat.ts";
import { callbackAnswers } from "./support/telegram.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";

describe("the investor's cases", () => {
  it("lists the firm's cases and shows one with its timeline", async () => {
    const { chat } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    const list = (await chat.send("/cases")).join();
    expect(list).toContain(filed.ref);
    expect(list).toContain("policy question");
    const shown = (await chat.send(`/status ${filed.ref.toLowerCase()}`)).join();
    expect(shown).toContain(filed.ref);
    expect(shown).toMatch(/History/);
    expect(shown).toMatch(/— Received/);
  });

  it("withdraws an open case with a reason, once", async () => {
    const { chat } = await registeredInvestor("zh");
    await chat.send("/policy");
    await chat.send("零关税政策");
    await chat.send("融资租赁进口设备是否适用零关税政策？");
    await chat.tap("✔ 提交");
    const [filed] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ?", [chat.userId]);
    await chat.send(`/status ${filed!.ref}`);
    await chat.tap("撤回诉求");
    const done = (await chat.send("问题已自行解决")).join();
    expect(done).toContain(`已撤回诉求 ${filed!.ref}`);
    const [event] = await rows<{ type: string; from_status: string; to_status: string; data: string }>(
      "SELECT type, from_status, to_status, data FROM case_events WHERE case_id = ? AND type = 'withdrawn'",
      [filed!.id],
    );
    expect(event).toMatchObject({ type: "withdrawn", from_status: "received", to_status: "withdrawn" });
    expect(JSON.parse(event!.data)).toEqual({ reason: "问题已自行解决" });
    await chat.send(`/status ${filed!.ref}`);
    const again = await chat.tap("Withdraw").catch(() => "no button");
    expect(again).toBe("no button");
  });

  it("refuses a withdrawal reason over 2,000 characters in both languages, naming the field and the rule, and keeps the case open for a shorter one", async () => {
    const { chat } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    await chat.send(`/status ${filed.ref}`);
    await chat.tap("Withdraw");
    const refused = (await chat.send("x".repeat(2001))).join();
    expect(refused).toContain("“Reason for withdrawing”: it may have at most 2,000 characters (it has 2,001)");
    expect(refused).toContain("“撤回理由”");
    expect(await rows("SELECT status FROM cases WHERE id = ?", [filed.id])).toEqual([{ status: "received" }]);
    expect((await chat.send("y".repeat(2000))).join()).toContain(`${filed.ref} was withdrawn`);
    const [event] = await rows<{ data: string }>("SELECT data FROM case_events WHERE case_id = ? AND type = 'withdrawn'", [filed.id]);
    expect(JSON.parse(event!.data)).toEqual({ reason: "y".repeat(2000) });
  });

  it("never shows a case of another firm, whatever the ref or id typed", async () => {
    const { chat: a } = await registeredInvestor("en");
    const { chat: b } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(a);
    const answer = (await b.send(`/status ${filed.ref}`)).join();
    expect(answer).toMatch(/No case .* was found, or you may not see it/);
    expect(answer).not.toContain("Zero-tariff");
    expect((await b.send("/status HN-2026-999999")).join()).toBe(answer.replace(filed.ref, "HN-2026-999999"));
    // Forged buttons with A's case id do nothing.
    await b.post(b.callback(`case:w:${filed.id}`));
    await b.send("forged withdrawal");
    expect(await rows("SELECT status FROM cases WHERE id = ?", [filed.id])).toEqual([{ status: "received" }]);
    expect((await b.send("/cases")).join()).not.toContain(filed.ref);
  });

  it("/privacy shows what is kept; /deleteme erases it after a confirmation and keeps the case anonymised", async () => {
    const { chat, uscc } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    const privacy = (await chat.send("/privacy")).join();
    expect(privacy).toContain("Jane Doe");
    expect(privacy).toContain("+8613800138000");
    expect(privacy).toContain(uscc);
    await chat.send("/deleteme");
    await chat.tap("Keep");
    expect(await rows("SELECT 1 FROM users WHERE telegram_id = ?", [chat.userId])).toHaveLength(1);
    await chat.send("/deleteme");
    const erased = (await chat.tap("Erase")).join();
    expect(erased).toContain("Your personal information was erased");
    expect(erased).toContain("已删除您的个人信息");
    expect(await rows("SELECT 1 FROM users WHERE telegram_id = ?", [chat.userId])).toHaveLength(0);
    expect(await rows("SELECT 1 FROM firm_members WHERE telegram_id = ?", [chat.userId])).toHaveLength(0);
    expect(await rows("SELECT created_by FROM cases WHERE id = ?", [filed.id])).toEqual([{ created_by: null }]);
    expect(await rows("SELECT actor_id FROM case_events WHERE case_id = ? AND actor_type = 'investor'", [filed.id])).toEqual([{ actor_id: null }]);
  });

  it("answers /help and anything unknown, never silence", async () => {
    const { chat } = await registeredInvestor("en");
    expect((await chat.send("/help")).join()).toContain("/appointment");
    expect((await chat.send("/nonsense")).join()).toMatch(/did not understand/);
    expect((await chat.send("hello?")).join()).toMatch(/did not understand/);
  });

  it("sends each menu tap to its feature, answering the tap once, and answers a button it cannot read as stale", async () => {
    const { chat } = await registeredInvestor("en");
    const tap = async (data: string) => {
      const update = chat.callback(data);
      await chat.said();
      await chat.post(update);
      return { said: (await chat.said()).join(), answers: (await callbackAnswers(update)).map((a) => a.payload.text) };
    };
    const menu = async (label: string) => {
      const { said, answers } = await tap(await chat.buttonData(label));
      expect(answers).toHaveLength(1);
      return said;
    };
    expect(await menu("❓ Help")).toContain("/appointment");
    expect(await menu("📂 My cases")).toContain("no cases yet");
    expect(await menu("🌐 中文 / English")).toContain("Please choose your language");
    expect(await menu("📘 Policy question")).toContain("policy</b> is it about");
    // Old or forged data of a known family, and of no family: answered as stale, and nothing else happens.
    for (const data of ["menu:admin", `sp:nuke:${crypto.randomUUID()}`, "form:zz", "nope:1"]) {
      expect(await tap(data)).toEqual({ said: "", answers: [expect.stringContaining("This button is no longer valid")] });
    }
  });

  it("answers /help in both languages before a language is chosen, with the choice, as it answers unknown text", async () => {
    const chat = new Chat("en");
    const [help] = await chat.send("/help");
    expect(help).toContain("/appointment — request a meeting");
    expect(help).toContain("/appointment — 申请政企约见");
    // The guessed language (Telegram's, English here) first.
    expect(help!.indexOf("request a meeting")).toBeLessThan(help!.indexOf("申请政企约见"));
    await chat.tap("English");
    const [chosen] = await chat.send("/help");
    expect(chosen).toContain("/appointment");
    expect(chosen).not.toContain("申请政企约见");
  });
});

describe("GET /api/deadline", () => {
  const get = (query: string) => viaBot(new Request(`http://desk.test/api/deadline?${query}`));

  it("answers the 2026 example: received Thu 12 Feb → 7 working days end Sat 28 Feb", async () => {
    const response = await get("kind=appointment&from=2026-02-12T10:00:00%2B08:00");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual({
      kind: "appointment",
      from: "2026-02-12T02:00:00.000Z",
      due: "2026-02-28T23:59:59+08:00",
      firstResponseDue: "2026-02-13T23:59:59+08:00",
      obligations: [
        { obligation: "first_response", due: "2026-02-13T23:59:59+08:00" },
        { obligation: "meeting_held", due: "2026-02-28T23:59:59+08:00" },
      ],
      rule: { zh: "自受理次日起 7 个工作日内举行约见", en: "a meeting is held within 7 working days after the day of receipt" },
      warnings: [],
    });
  });

  it("names each obligation of an especially urgent appeal, the response in hours over a holiday night", async () => {
    const body = (await (await get("kind=especially_urgent&from=2026-02-16T20:00:00%2B08:00")).json()) as { obligations: unknown };
    expect(body.obligations).toEqual([
      { obligation: "first_response", due: "2026-02-16T22:00:00+08:00" },
      { obligation: "assessment", due: "2026-02-16T22:00:00+08:00" },
      { obligation: "hearing_held", due: "2026-02-26T23:59:59+08:00" },
    ]);
  });

  it("warns, in both languages, for a year with no loaded schedule", async () => {
    const body = (await (await get("kind=policy&from=2031-03-02T09:00:00Z")).json()) as { warnings: { year: number; message: { zh: string } }[] };
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatchObject({ code: "year_not_loaded", year: 2031 });
    expect(body.warnings[0]!.message.zh).toContain("2031 年");
  });

  it.each([
    ["2026-02-30T10:00:00+08:00", "must be a date and time that exists (2026-02-30 does not)"],
    ["2026-04-31T10:00Z", "must be a date and time that exists (2026-02-30 does not)"],
    ["2026-02-28T24:00:00Z", "must be a date and time that exists (2026-02-30 does not)"],
    ["2026-02-28T23:60:00Z", "has the wrong format"],
  ])("refuses the impossible instant %s, naming from and the rule in both languages", async (from, en) => {
    const response = await get(`kind=appointment&from=${encodeURIComponent(from)}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { field: string; rule: { zh: string; en: string } }[] };
    expect(body.issues).toHaveLength(1);
    expect(body.issues[0]).toMatchObject({ field: "from", rule: { en } });
    expect(body.issues[0]!.rule.zh).toMatch(/日期和时间|格式不正确/);
  });

  it("refuses a parameter it does not define, naming it (a typo, or junk that would bypass the cache)", async () => {
    const response = await get("kind=policy&from=2026-02-12T10:00:00Z&_=1712345678");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_request", issues: [{ field: "_", rule: { zh: "不是该接口的参数", en: "is not a parameter of this operation" } }] });
    const kinds = await viaBot(new Request("http://desk.test/api/kinds?lang=en"));
    expect(kinds.status).toBe(400);
    expect(((await kinds.json()) as { issues: { field: string }[] }).issues).toEqual([expect.objectContaining({ field: "lang" })]);
  });

  it.each([
    ["kind=visa&from=2026-02-12T10:00:00Z", "kind"],
    ["kind=urgent&from=2026-02-12", "from"],
    ["kind=urgent", "from"],
  ])("refuses %s naming the field %s", async (query, field) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { field: string; rule: { zh: string; en: string } }[] };
    expect(body.issues.map((i) => i.field)).toContain(field);
    expect(body.issues[0]!.rule.zh.length).toBeGreaterThan(0);
  });
});

describe("loading a new year's holiday schedule", () => {
  const schedule2030 = {
    source: "国务院办公厅关于2030年部分节假日安排的通知（测试）",
    days: [
      { date: "2030-01-01", kind: "holiday", name: "元旦" },
      { date: "2030-02-02", kind: "workday", name: "春节调休" },
      { date: "2030-02-04", kind: "holiday", name: "春节" },
    ],
  };

  it("previews, then loads, and the warning goes away", async () => {
    const preview = await admin("POST", "/admin/calendar?dry_run=1", schedule2030);
    expect(await preview.json()).toMatchObject({ ok: true, dryRun: true, year: 2030, diff: { added: expect.any(Array), removed: [], changed: [] } });
    expect(await rows("SELECT 1 FROM calendar_years WHERE year = 2030")).toHaveLength(0);
    expect((await admin("POST", "/admin/calendar", schedule2030)).status).toBe(200);
    const body = (await (await viaBot(new Request("http://desk.test/api/deadline?kind=urgent&from=2030-01-31T10:00:00%2B08:00"))).json()) as { due: string; warnings: unknown[] };
    // Thu 31 Jan → Fri 1 Feb, Sat 2 Feb (make-up), Tue 5 Feb (Mon 4 Feb off).
    expect(body).toMatchObject({ due: "2030-02-05T23:59:59+08:00", warnings: [] });
    expect(await rows("SELECT action, target FROM audit_events WHERE target = '2030'")).toEqual([{ action: "calendar.load", target: "2030" }]);
  });

  it("loads a notice that also settles the December before its year, over the days stored for that December", async () => {
    // The 2019 notice as published: Sat 29 Dec 2018 worked, 30 Dec 2018 – 1 Jan 2019 off. The seed
    // stored those December days under 2018, so the upload must take them over, not collide with them.
    const days = await rows<{ date: string; kind: string; name: string }>(
      "SELECT date, kind, name FROM calendar_days WHERE year = 2019 OR date BETWEEN '2018-12-29' AND '2018-12-31' ORDER BY date",
    );
    expect(days.slice(0, 4).map((d) => [d.date, d.kind])).toEqual([["2018-12-29", "workday"], ["2018-12-30", "holiday"], ["2018-12-31", "holiday"], ["2019-01-01", "holiday"]]);
    const notice2019 = { source: "国务院办公厅关于2019年部分节假日安排的通知", days };
    const preview = await admin("POST", "/admin/calendar?dry_run=1", notice2019);
    expect(await preview.json()).toMatchObject({ ok: true, year: 2019, diff: { added: [], removed: [], changed: [] } });
    expect((await admin("POST", "/admin/calendar", notice2019)).status).toBe(200);
    expect(await rows("SELECT DISTINCT year FROM calendar_days WHERE date BETWEEN '2018-12-29' AND '2019-12-31'")).toEqual([{ year: 2019 }]);
    // Fri 28 Dec 2018 → Sat 29 Dec (make-up), Wed 2 Jan, Thu 3 Jan.
    const body = await (await viaBot(new Request("http://desk.test/api/deadline?kind=urgent&from=2018-12-28T10:00:00%2B08:00"))).json();
    expect(body).toMatchObject({ due: "2019-01-03T23:59:59+08:00", warnings: [] });
  });

  it("refuses a bad CSV with the line, the field and the rule", async () => {
    const csv = "date,kind,name\n2029-02-30,holiday,春节\n2029-03-05,workday,调休\n";
    const response = await viaBot(
      new Request("http://desk.test/admin/calendar", { method: "POST", headers: { authorization: `Bearer test-admin-token-0123456789abcdef`, "content-type": "text/csv" }, body: csv }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { line: number; field: string; rule: { en: string } }[] };
    expect(body.issues).toEqual([
      { line: 2, field: "date", rule: { zh: "应为有效日期 YYYY-MM-DD", en: "must be a real date as YYYY-MM-DD" } },
      { line: 3, field: "kind", rule: expect.objectContaining({ en: "2029-03-05 is a weekday already; a make-up working day falls on a weekend" }) },
    ]);
  });
});
