import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apiApp } from "../../workers/api-app.ts";
import { admin } from "./support/admin.ts";
import { viaBot } from "./support/pair.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";

async function caseWithLink() {
  const { chat } = await registeredInvestor("en");
  const filed = await filePolicyQuestion(chat);
  const confirmation = (await chat.messages()).map((m) => String(m.payload.text)).find((t) => t.includes(filed.ref))!;
  const token = /\/s\/([A-Za-z0-9_-]{32})/.exec(confirmation)![1]!;
  return { filed, token };
}

const page = (path: string, headers: Record<string, string> = {}) => viaBot(new Request(`http://desk.test${path}`, { headers }));

describe("the public case page", () => {
  it("shows the case in Chinese by default, and in English when asked, remembering the choice", async () => {
    const { filed, token } = await caseWithLink();
    const zh = await page(`/s/${token}`);
    expect(zh.status).toBe(200);
    const zhHtml = await zh.text();
    expect(zhHtml).toContain(filed.ref);
    expect(zhHtml).toContain("已受理");
    expect(zhHtml).toContain("北京时间，UTC+8");
    expect(zhHtml).toContain("以中文为准");
    expect(zhHtml).toContain("海南自由贸易港国际服务门户");
    expect(zhHtml).not.toContain("Jane Doe");
    expect(zhHtml).not.toContain("13800138000");
    expect(zh.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");

    const en = await page(`/s/${token}?lang=en`);
    const enHtml = await en.text();
    expect(enHtml).toContain("Received");
    expect(enHtml).toContain("Hainan Free Trade Port International Service Portal");
    const cookie = en.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lang=en;.*HttpOnly/);
    const again = await page(`/s/${token}`, { cookie: "lang=en" });
    expect(await again.text()).toContain("Case progress");
  });

  it("answers a wrong, malformed or revoked token with a plain 404 that reveals nothing", async () => {
    const { token } = await caseWithLink();
    for (const path of [`/s/${"A".repeat(32)}`, "/s/short", `/s/${token.slice(0, 31)}!`, `/api/cases/${"B".repeat(32)}`]) {
      const response = await page(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toMatch(/HN-|case_|token/i);
    }
  });

  it("revokes a link: the old token 404s, the new one works, and the admin action is audited", async () => {
    const { filed, token } = await caseWithLink();
    const revoked = await admin("POST", `/admin/cases/${filed.ref}/revoke-link`);
    const { link } = (await revoked.json()) as { link: string };
    expect((await page(`/s/${token}`)).status).toBe(404);
    const fresh = /\/s\/([A-Za-z0-9_-]{32})$/.exec(link)![1]!;
    expect(fresh).not.toBe(token);
    expect((await page(`/s/${fresh}`)).status).toBe(200);
    expect(await rows("SELECT action FROM audit_events WHERE target = ?", [filed.ref])).toEqual([{ action: "case.revoke_link" }]);
  });

  it("lets only the portal's origins frame the embeddable variant", async () => {
    const { token } = await caseWithLink();
    const withPortal = { ...env, PORTAL_ORIGINS: "https://portal.hainan.gov.cn https://en.portal.hainan.gov.cn" };
    const embedded = await apiApp.fetch(new Request(`http://desk.test/s/${token}?embed=1`), withPortal, {} as never);
    expect(embedded.headers.get("content-security-policy")).toContain("frame-ancestors https://portal.hainan.gov.cn https://en.portal.hainan.gov.cn");
    const plain = await apiApp.fetch(new Request(`http://desk.test/s/${token}`), withPortal, {} as never);
    expect(plain.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("serves the same facts as JSON for the portal, without personal data", async () => {
    const { filed, token } = await caseWithLink();
    const body = (await (await page(`/api/cases/${token}`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ref: filed.ref, kind: "policy", status: "received", statusText: { zh: "已受理", en: "Received" } });
    expect(String(body.resolutionDue)).toMatch(/T23:59:59\+08:00$/);
    // A policy question owes a first response and an answer; neither met yet, nothing under supervision.
    expect((body.obligations as { obligation: string; state: string }[]).map((o) => [o.obligation, o.state])).toEqual([
      ["first_response", "open"],
      ["answer", "open"],
    ]);
    expect(body.underSupervision).toBe(false);
    expect((body.next as { en: string }).en).toMatch(/^the specialist's first response, by \w{3} \d{1,2} \w{3} 20\d\d/);
    expect(JSON.stringify(body)).not.toMatch(/Jane|13800138000|firm_id|telegram/);
  });
});

describe("the portal API's description", () => {
  it("is OpenAPI 3.1, and every path it describes answers", async () => {
    const doc = (await (await page("/api/openapi.json")).json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    // This deployment's own base URL, so a portal developer can call what they read.
    expect(doc.servers.map((s) => s.url)).toEqual([env.PUBLIC_BASE_URL]);
    const { token } = await caseWithLink();
    const examples: Record<string, string> = {
      "/api/kinds": "/api/kinds",
      "/api/deadline": "/api/deadline?kind=urgent&from=2026-02-12T10:00:00%2B08:00",
      "/api/cases/{token}": `/api/cases/${token}`,
    };
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(examples).sort());
    for (const path of Object.values(examples)) expect((await page(path)).status, path).toBe(200);
    const kinds = (await (await page("/api/kinds")).json()) as { kind: string; rule: { zh: string } }[];
    expect(kinds.find((k) => k.kind === "appointment")!.rule.zh).toContain("7 个工作日");
  });
});
