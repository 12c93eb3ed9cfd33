// Case links (/s/<token>) are signed by CASE_LINK_SECRET, a key of their own: required, so rotating the
// webhook secret breaks no link; and the key itself rotates with CASE_LINK_SECRET_PREVIOUS: links made
// with the old key still open and later updates of their cases repeat them; new links use the new key.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app.ts";
import { caseToken } from "../../lib/case-token.ts";
import { settingsOf } from "../../lib/settings.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";
import { deliver } from "./support/telegram.ts";
import { viaBot } from "./support/pair.ts";

const OLD_KEY = env.CASE_LINK_SECRET as string;
const NEW_KEY = "rotated-case-link-secret-0123456789abcdef";
const LINK = /http:\/\/desk\.test\/s\/([A-Za-z0-9_-]{32})/;

const ctx = { waitUntil() {}, passThroughOnException() {} } as never;
const pageStatus = async (token: string, settings: Record<string, string | undefined> = {}) =>
  (await viaBot(new Request(`http://desk.test/s/${token}`), settings)).status;

/** A policy question of a firm whose specialist is assigned: the link of its confirmation, and the specialist. */
async function caseWithOwner() {
  const specialist = await joinedSpecialist();
  const { chat: investor, uscc } = await registeredInvestor("en");
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
  const filed = await filePolicyQuestion(investor);
  const confirmation = (await investor.messages()).map((m) => String(m.payload.text)).find((text) => text.includes(filed.ref))!;
  return { specialist, investor, filed, token: LINK.exec(confirmation)![1]! };
}

/** The specialist acknowledges the case under `settings`; what the firm is then told. */
async function acknowledgedUnder(c: Awaited<ReturnType<typeof caseWithOwner>>, settings: Record<string, string | undefined>, secret?: string) {
  await c.investor.said();
  expect((await deliver(c.specialist.chat.callback(`sp:ack:${c.filed.id}`), secret, settings)).status).toBe(200);
  return (await c.investor.said()).find((text) => text.includes("Status: Acknowledged"))!;
}

describe("case links", () => {
  it("need CASE_LINK_SECRET: without it, or with a short one, nothing is served and the setting and rule are named", async () => {
    const missing = await app.fetch(new Request("http://desk.test/healthz"), { ...env, CASE_LINK_SECRET: undefined }, ctx);
    expect(missing.status).toBe(500);
    expect(await missing.json()).toMatchObject({
      issues: [{ setting: "CASE_LINK_SECRET", rule: "is required: a random key of at least 32 characters that signs the case links (e.g. openssl rand -base64 32)" }],
    });
    const short = await app.fetch(new Request("http://desk.test/healthz"), { ...env, CASE_LINK_SECRET: "too-short" }, ctx);
    expect(await short.json()).toMatchObject({ issues: [{ setting: "CASE_LINK_SECRET", rule: "must be at least 32 characters" }] });
    const same = await app.fetch(new Request("http://desk.test/healthz"), { ...env, CASE_LINK_SECRET_PREVIOUS: OLD_KEY }, ctx);
    expect(await same.json()).toMatchObject({ issues: [{ setting: "CASE_LINK_SECRET_PREVIOUS", rule: "must differ from CASE_LINK_SECRET (it is the key before the rotation)" }] });
  });

  it("survive a new webhook secret: the next update carries the same link, which opens", async () => {
    const c = await caseWithOwner();
    const webhookSecret = "rotated-webhook-secret-0123456789";
    const update = await acknowledgedUnder(c, { TELEGRAM_WEBHOOK_SECRET: webhookSecret }, webhookSecret);
    expect(LINK.exec(update)?.[1]).toBe(c.token);
    expect(await pageStatus(c.token, { TELEGRAM_WEBHOOK_SECRET: webhookSecret })).toBe(200);
  });

  it("survive a new key given with the old one as CASE_LINK_SECRET_PREVIOUS; new links use the new key", async () => {
    const c = await caseWithOwner();
    const rotated = { CASE_LINK_SECRET: NEW_KEY, CASE_LINK_SECRET_PREVIOUS: OLD_KEY };
    // The case's link was made with the old key: its next update repeats it, and it opens.
    expect(LINK.exec(await acknowledgedUnder(c, rotated))?.[1]).toBe(c.token);
    expect(await pageStatus(c.token, rotated)).toBe(200);

    // A new link (here: the old one revoked) is made with the new key, and opens.
    const revoked = await viaBot(new Request(`http://desk.test/admin/cases/${c.filed.ref}/revoke-link`, { method: "POST", headers: { authorization: `Bearer ${env.ADMIN_API_TOKEN}` } }), rotated);
    const fresh = LINK.exec(((await revoked.json()) as { link: string }).link)![1]!;
    expect(fresh).toBe(await caseToken(settingsOf({ ...env, ...rotated }), c.filed.id, 2));
    expect(fresh).not.toBe(await caseToken(settingsOf(env), c.filed.id, 2));
    expect(await pageStatus(fresh, rotated)).toBe(200);
  });

  it("made with a key no longer given still open; their case's next update points to /status instead of a dead link", async () => {
    const c = await caseWithOwner();
    const update = await acknowledgedUnder(c, { CASE_LINK_SECRET: NEW_KEY });
    expect(update).not.toMatch(LINK);
    expect(update).toContain(`Progress: /status ${c.filed.ref}`);
    expect(await pageStatus(c.token, { CASE_LINK_SECRET: NEW_KEY })).toBe(200);
  });
});
