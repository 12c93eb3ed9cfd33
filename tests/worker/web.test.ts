// The supervisors' web: one-time sign-in from the bot, signed session cookies, CSRF, unit scoping,
// the ledger's filters and its CSV.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { app } from "../../workers/app.ts";
import { webApp } from "../../workers/web/app.ts";
import webWorker from "../../workers/web/index.ts";
import { joinedSpecialist, slugId } from "./support/admin.ts";
import { bj, pastCase } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { randomUscc } from "./support/data.ts";
import { registeredInvestor } from "./support/flows.ts";
import { BASE, get, post, signIn, signInToken } from "./support/web.ts";

describe("the bot's Worker", () => {
  it("forwards /web/* to the web Worker's binding unchanged, and answers 404 without one", async () => {
    const seen: Request[] = [];
    const WEB = { fetch: async (request: Request) => (seen.push(request), new Response("from web", { status: 299 })) };
    const request = () => new Request(`${BASE}/web/cases?kind=urgent`, { headers: { cookie: "desk_web=x" } });
    const forwarded = await app.fetch(request(), { ...env, WEB });
    expect([forwarded.status, await forwarded.text()]).toEqual([299, "from web"]);
    expect([seen[0]!.url, seen[0]!.headers.get("cookie")]).toEqual([`${BASE}/web/cases?kind=urgent`, "desk_web=x"]);
    expect((await app.fetch(request(), { ...env, WEB: undefined })).status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/web/cases`)).status).toBe(503);
  });

  it("forwards the admin API, /api/* and the case page to the web Worker too, and keeps the webhook and /healthz", async () => {
    const seen: string[] = [];
    const WEB = { fetch: async (request: Request) => (seen.push(`${request.method} ${new URL(request.url).pathname}`), new Response("from web", { status: 299 })) };
    const forwarded = ["POST /admin/units", "GET /api/deadline", "GET /api/openapi.json", "GET /s/abc", "GET /web/cases"];
    for (const line of forwarded) {
      const [method, path] = line.split(" ") as [string, string];
      expect((await app.fetch(new Request(`${BASE}${path}`, { method }), { ...env, WEB })).status, line).toBe(299);
    }
    expect((await app.fetch(new Request(`${BASE}/healthz`), { ...env, WEB })).status).toBe(200);
    expect((await app.fetch(new Request(`${BASE}/telegram/webhook`, { method: "POST" }), { ...env, WEB })).status).toBe(401);
    expect((await app.fetch(new Request(`${BASE}/admin`), { ...env, WEB })).status).toBe(404);
    expect(seen).toEqual(forwarded);
  });
});

describe("the web Worker's entry", () => {
  it("serves the admin API, /api/* and the case page with the bot's settings, and /web/* with its own", async () => {
    const kinds = await webWorker.fetch(new Request(`${BASE}/api/kinds`) as never, env, {} as never);
    expect(kinds.status).toBe(200);
    expect(((await kinds.json()) as unknown[]).length).toBeGreaterThan(0);
    const unauthorized = await webWorker.fetch(new Request(`${BASE}/admin/units`, { method: "POST", headers: { authorization: "Bearer wrong-token-wrong-token-wrong" } }) as never, env, {} as never);
    expect(unauthorized.status).toBe(401);
    // No Telegram token is asked of it: the API app's settings are the bot's without the Telegram secrets.
    const withoutTelegram = { ...env, TELEGRAM_BOT_TOKEN: undefined, TELEGRAM_WEBHOOK_SECRET: undefined };
    expect((await webWorker.fetch(new Request(`${BASE}/api/kinds`) as never, withoutTelegram, {} as never)).status).toBe(200);
    const signIn = await webWorker.fetch(new Request(`${BASE}/web/sign-in`) as never, env, {} as never);
    expect(signIn.headers.get("content-type")).toMatch(/text\/html/);
  });
});

describe("the web Worker's settings", () => {
  it("names a missing or short session secret and the rule, never a value, and serves nothing", async () => {
    const request = () => new Request(`${BASE}/web/cases`);
    const missing = await webApp.fetch(request(), { LIBSQL_URL: env.LIBSQL_URL });
    expect(missing.status).toBe(500);
    expect(await missing.json()).toEqual({ error: "configuration", issues: [{ setting: "WEB_SESSION_SECRET", rule: "is required" }] });
    const short = await webApp.fetch(request(), { LIBSQL_URL: env.LIBSQL_URL, WEB_SESSION_SECRET: "too-short-secret" });
    const body = await short.text();
    expect(body).toContain("must be at least 32 characters");
    expect(body).not.toContain("too-short-secret");
  });
});

describe("the web's own pages", () => {
  it("answers an unknown page and a failure inside with a page in the reader's language, saying nothing of the cause", async () => {
    const missing = await get("/web/nowhere?lang=en");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("This page does not exist.");
    const cookie = await signIn((await joinedSpecialist()).chat);
    // The same session against a database that cannot be reached.
    const failed = await webApp.fetch(new Request(`${BASE}/web/cases`, { headers: { cookie } }), { LIBSQL_URL: "http://127.0.0.1:9", WEB_SESSION_SECRET: env.WEB_SESSION_SECRET });
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(body).toContain("系统出错，未做任何更改");
    expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Error:/);
  });

  it("escapes what people typed once: a name with & and < shows as typed", async () => {
    const specialist = await joinedSpecialist();
    await rows("UPDATE specialists SET name = ? WHERE id = ?", ["王&李<b>", specialist.id]);
    const page = await (await get("/web/cases", await signIn(specialist.chat))).text();
    expect(page).toContain("王&amp;李&lt;b&gt;");
    expect(page).not.toContain("&amp;amp;");
  });
});

describe("signing in to the supervisors' web", () => {
  it("takes a one-time link from /web: the GET only shows a button, the POST signs in once", async () => {
    const specialist = await joinedSpecialist();
    const token = await signInToken(specialist.chat);
    const shown = await get(`/web/sign-in?t=${token}`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain(`value="${token}"`);
    expect(await rows("SELECT used_at FROM web_sign_ins WHERE specialist_id = ?", [specialist.id])).toEqual([{ used_at: null }]);

    expect((await post("/web/sign-in", { t: token })).status).toBe(303);
    const again = await post("/web/sign-in", { t: token });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("此登录链接无效");
  });

  it("refuses an expired link, and a form from another origin (CSRF) without spending the link", async () => {
    const specialist = await joinedSpecialist();
    const expired = await signInToken(specialist.chat);
    await rows("UPDATE web_sign_ins SET expires_at = 0 WHERE specialist_id = ?", [specialist.id]);
    expect((await post("/web/sign-in", { t: expired })).status).toBe(401);

    const token = await signInToken(specialist.chat);
    expect((await post("/web/sign-in", { t: token }, "https://evil.example")).status).toBe(403);
    expect((await post("/web/sign-in", { t: token }, null)).status).toBe(403);
    expect((await post("/web/sign-in", { t: token })).status).toBe(303);
  });

  it("refuses a sign-in body over 1 KiB before reading it (declared or streamed), in the reader's language, without spending the link", async () => {
    const specialist = await joinedSpecialist();
    const token = await signInToken(specialist.chat);
    const declared = await post("/web/sign-in", { t: token, padding: "x".repeat(2048) });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("请求内容过大：登录表单只含一个短令牌");
    // No Content-Length: counted as it streams, cut at the limit.
    const chunks = [new TextEncoder().encode(`t=${token}&padding=`), new TextEncoder().encode("x".repeat(4096))];
    const body = new ReadableStream({ pull: (controller) => void (chunks.length ? controller.enqueue(chunks.shift()!) : controller.close()) });
    const headers = { origin: BASE, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" };
    const streamed = await webApp.fetch(new Request(`${BASE}/web/sign-in`, { method: "POST", headers, body, redirect: "manual" }), {
      LIBSQL_URL: env.LIBSQL_URL,
      WEB_SESSION_SECRET: env.WEB_SESSION_SECRET,
    });
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain("This request is too large: the sign-in form holds only a short token");
    expect(await rows("SELECT used_at FROM web_sign_ins WHERE specialist_id = ?", [specialist.id])).toEqual([{ used_at: null }]);
    expect((await post("/web/sign-in", { t: token })).status).toBe(303);
  });

  it("refuses a forged or missing session cookie, and an investor asking for a link", async () => {
    const specialist = await joinedSpecialist();
    const cookie = await signIn(specialist.chat);
    expect((await get("/web/cases", cookie)).status).toBe(200);
    const [name, value] = cookie.split("=");
    const forged = `${name}=${decodeURIComponent(value!).replace(specialist.id, "sp-someone-else")}`;
    expect((await get("/web/cases", forged)).status).toBe(401);
    expect((await get("/web/cases")).status).toBe(401);
    const { chat: investor } = await registeredInvestor("en");
    expect((await investor.send("/web")).join()).toMatch(/registered enterprise service specialists/);
  });
});

describe("the ledger", () => {
  it("shows a specialist their unit's cases only; the business-environment department sees every unit", async () => {
    const a = await pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"));
    const b = await pastCase(bj("2026-03-02", "11:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"));
    const asA = await signIn(a.specialist.chat);
    const page = await (await get(`/web/cases?unit=${b.specialist.unitId}`, asA)).text();
    expect(page).toContain(a.ref);
    expect(page).not.toContain(b.ref);

    const supervisor = await joinedSpecialist({ role: "bizenv" });
    const asSupervisor = await signIn(supervisor.chat);
    expect(await (await get(`/web/cases?unit=${b.specialist.unitId}`, asSupervisor)).text()).toContain(b.ref);
    expect(await (await get(`/web/cases?unit=${a.specialist.unitId}&kind=urgent&overdue=1`, asSupervisor)).text()).toContain(a.ref);
    expect(await (await get(`/web/cases?unit=${a.specialist.unitId}&kind=policy`, asSupervisor)).text()).not.toContain(a.ref);
  });

  it("filters by the firm's city/county or park and by the date of receipt (Beijing dates, inclusive)", async () => {
    const a = await pastCase(bj("2026-03-09", "23:30:00"), bj("2026-03-10", "23:59:59"), bj("2026-03-12", "23:59:59"));
    const cookie = await signIn(a.specialist.chat);
    const [{ area }] = (await rows<{ area: string }>("SELECT f.area_code AS area FROM cases c JOIN firms f ON f.id = c.firm_id WHERE c.ref = ?", [a.ref])) as [{ area: string }];
    const other = area === "sanya" ? "haikou" : "sanya";
    const shows = async (query: string) => (await (await get(`/web/cases?${query}`, cookie)).text()).includes(a.ref);
    // 23:30 Beijing time on 9 March is 15:30 UTC: the date is Beijing's.
    expect(await shows("from=2026-03-09&to=2026-03-09")).toBe(true);
    expect(await shows("from=2026-03-10")).toBe(false);
    expect(await shows("to=2026-03-08")).toBe(false);
    expect(await shows(`area=${area}`)).toBe(true);
    expect(await shows(`area=${other}`)).toBe(false);
    const reversed = await get("/web/cases?from=2026-03-10&to=2026-03-09&lang=en", cookie);
    expect([reversed.status, (await reversed.text()).includes("“To” is not valid: must not be before the start")]).toEqual([400, true]);
  });

  it("names a bad filter in the page's language, and the rule", async () => {
    const specialist = await joinedSpecialist();
    const cookie = await signIn(specialist.chat);
    const zh = await get("/web/cases?page=0", cookie);
    expect(zh.status).toBe(400);
    expect(await zh.text()).toContain("“页码”无效：请填写从 1 开始的整数");
    const en = await get("/web/cases?kind=lunch&lang=en", cookie);
    expect(await en.text()).toContain("“Kind” is not valid: choose one of the listed values");
  });

  it("names a bad filter of the CSV export the same way, as a page (400)", async () => {
    const cookie = await signIn((await joinedSpecialist()).chat);
    const csv = await get("/web/cases.csv?from=2026-02-30", cookie);
    expect([csv.status, csv.headers.get("content-type")]).toEqual([400, "text/html; charset=UTF-8"]);
    expect(await csv.text()).toContain("“起始日期”无效：请按 YYYY-MM-DD 填写真实日期");
  });

  it("exports CSV in UTF-8 with a BOM, with the same scope and filters", async () => {
    const a = await pastCase(bj("2026-04-06", "10:00:00"), bj("2026-04-07", "23:59:59"), bj("2026-04-09", "23:59:59"));
    const b = await pastCase(bj("2026-04-06", "11:00:00"), bj("2026-04-07", "23:59:59"), bj("2026-04-09", "23:59:59"));
    const response = await get("/web/cases.csv?overdue=1", await signIn(a.specialist.chat));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe('"编号 ref","类型 kind","状态 status","超期 overdue","企业 firm","firm (en)","负责专员 owner","单位 unit","受理 received","办结时限 resolution due"');
    expect(lines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^"${a.ref}","urgent","assigned","1",`))]);
    expect(lines.join()).not.toContain(b.ref);
  });
});

describe("the CSV export", () => {
  it("refuses, naming the limit, rather than drop rows when more than 10,000 cases match", async () => {
    const supervisor = await joinedSpecialist({ role: "bizenv" });
    const cookie = await signIn(supervisor.chat);
    const tag = slugId("bulk");
    const firm = `${tag}-firm`;
    await rows("INSERT INTO firms (id, uscc, area_code, industry, foreign_invested, created_at) VALUES (?, ?, 'haikou', 'trade', 1, 0)", [firm, randomUscc()]);
    // 10,001 cases received on 1 May 2017 (a day no other test uses), owned in the supervisor's unit; one is a policy
    // question. In one transaction with removing the portal events their inserts queue (the database's triggers), so
    // no drain of another test file meets a backlog of 10,001 webhooks.
    await openDb({ url: env.LIBSQL_URL as string }).client.batch(
      [
        {
          sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
                INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, updated_at)
                SELECT ? || i, ? || i, ?, CASE WHEN i = 1 THEN 'policy' ELSE 'urgent' END, 'assigned', '事项', '{}', ?, ?, ?, ?, 0 FROM n`,
          args: [`${tag}-`, `HN-2017-${tag}-`, firm, supervisor.id, bj("2017-05-01"), bj("2017-05-02"), bj("2017-05-05")],
        },
        { sql: "DELETE FROM outbox WHERE case_id IN (SELECT id FROM cases WHERE firm_id = ?)", args: [firm] },
      ],
      "write",
    );
    expect(await rows("SELECT count(*) AS n FROM outbox WHERE case_id IN (SELECT id FROM cases WHERE firm_id = ?)", [firm])).toEqual([{ n: 0 }]);
    const day = `from=2017-05-01&to=2017-05-01&unit=${supervisor.unitId}`;
    const tooMany = await get(`/web/cases.csv?${day}`, cookie);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.text()).toContain("符合条件的诉求超过 10,000 件");
    const narrowed = await get(`/web/cases.csv?${day}&kind=policy`, cookie);
    expect(narrowed.status).toBe(200);
    expect((await narrowed.text()).trimEnd().split("\r\n")).toHaveLength(2);
  });
});

describe("the figures", () => {
  it("chart and tabulate the viewer's unit only; the business-environment department sees every unit", async () => {
    const a = await pastCase(bj("2026-05-11", "10:00:00"), bj("2026-05-12", "23:59:59"), bj("2026-05-14", "23:59:59"));
    const b = await pastCase(bj("2026-05-11", "11:00:00"), bj("2026-05-12", "23:59:59"), bj("2026-05-14", "23:59:59"));
    const period = "from=2026-05-11&to=2026-05-11";
    const asA = await (await get(`/web/figures?${period}&unit=${b.specialist.unitId}`, await signIn(a.specialist.chat))).text();
    expect(asA).toContain('class="chart chart-bars"');
    expect(asA).toContain('class="chart chart-stacked"');
    const tableOf = (page: string) => /<table class="figures">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(page)![1]!;
    // One unit row and the total, each with 1 received and nothing closed yet (0/1).
    expect(tableOf(asA).match(/<tr>|<tr class="total">/g)).toHaveLength(2);
    expect(tableOf(asA)).toContain("0.0% (0/1)");

    const supervisor = await joinedSpecialist({ role: "bizenv" });
    const asSupervisor = await signIn(supervisor.chat);
    const both = tableOf(await (await get(`/web/figures?${period}&lang=en`, asSupervisor)).text());
    expect(await (await get(`/web/figures?${period}&lang=en`, asSupervisor)).text()).toContain("<th>Closure rate</th>");
    expect(both).toMatch(/<tr class="total"><td>Total<\/td><td>([2-9]|\d\d+)<\/td>/);
    const onlyB = tableOf(await (await get(`/web/figures?${period}&unit=${b.specialist.unitId}`, asSupervisor)).text());
    expect(onlyB.match(/<tr>/g)).toHaveLength(1);
  });

  it("name a bad period's field and rule", async () => {
    const cookie = await signIn((await joinedSpecialist()).chat);
    const reversed = await get("/web/figures?from=2026-05-11&to=2026-05-01", cookie);
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("“截止日期”无效：不得早于起始日期");
    const unreal = await get("/web/figures?from=2026-02-30&lang=en", cookie);
    expect(await unreal.text()).toContain("“From” is not valid: use a real date as YYYY-MM-DD");
    expect((await get("/web/figures?from=2026-05-01")).status).toBe(401);
  });
});
