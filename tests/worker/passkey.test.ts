// Passkeys for staff (issue 13 item 7): registering with an invite code (spent as /join spends it) or from a
// signed-in session, signing in for the same session cookie as the bot's link, and every refusal of the
// verification, with real ES256 / RS256 key pairs and signatures (tests/worker/support/authenticator.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createWebApp } from "../../workers/web/app.ts";
import { PASSKEY_SCRIPT } from "../../workers/web/passkey-script.ts";
import { base64 } from "../../lib/crypto.ts";
import { admin, joinedSpecialist, slugId } from "./support/admin.ts";
import { authenticator, FLAGS } from "./support/authenticator.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { BASE, csrfOf, signIn } from "./support/web.ts";

const RP = { origin: BASE, rpId: new URL(BASE).hostname };
let clock = Date.now();
const app = createWebApp({ now: () => clock });
const webEnv = { LIBSQL_URL: env.LIBSQL_URL, WEB_SESSION_SECRET: env.WEB_SESSION_SECRET, PUBLIC_BASE_URL: BASE, TELEGRAM_BOT_USERNAME: "DeskTestBot", PASSKEY_LIMITER: env.PASSKEY_LIMITER };

/** Each request from an address of its own unless one is given: the passkey limit (20 a minute) counts per address. */
const anyAddress = () => `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;

function request(path: string, init: { form?: Record<string, string>; cookie?: string; origin?: string; address?: string } = {}) {
  const headers: Record<string, string> = { "CF-Connecting-IP": init.address ?? anyAddress() };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = init.origin ?? BASE;
  }
  const body = init.form ? new URLSearchParams(init.form) : undefined;
  return app.fetch(new Request(`${BASE}${path}`, { method: init.form ? "POST" : "GET", headers, body, redirect: "manual" }), webEnv);
}

/** A same-origin form POST as the page's script makes it, and its JSON answer. */
async function call(path: string, form: Record<string, string>, cookie?: string) {
  const response = await request(path, { form, ...(cookie ? { cookie } : {}) });
  const text = await response.text();
  const session = response.headers.getSetCookie().find((c) => c.startsWith("desk_web="));
  return { status: response.status, body: (text.startsWith("{") ? JSON.parse(text) : { page: text }) as Record<string, any>, cookie: session?.split(";")[0] };
}

/** A specialist an admin created, with their invite code, not joined in Telegram. */
async function invited() {
  const unitId = slugId("unit");
  expect((await admin("POST", "/admin/units", { id: unitId, nameZh: "三亚市营商环境局", nameEn: "Sanya Business Environment Bureau", kind: "city", areaCode: "sanya" })).status).toBe(201);
  const id = slugId("sp");
  const created = await admin("POST", "/admin/specialists", { id, name: `专员${id.slice(-4)}`, unitId, areaCode: "sanya", role: "specialist" });
  expect(created.status).toBe(201);
  return { id, unitId, inviteCode: ((await created.json()) as { inviteCode: string }).inviteCode };
}

/** Registers a passkey with the invite code: the session it gives, and the authenticator holding it. */
async function registered(algorithm: "ES256" | "RS256" = "ES256") {
  const person = await invited();
  const device = await authenticator(RP, algorithm);
  const options = await call("/web/passkey/register/options", { invite: person.inviteCode.toLowerCase() });
  expect(options.status).toBe(200);
  const done = await call("/web/passkey/register", { credential: JSON.stringify(await device.create(options.body.publicKey)) });
  expect(done).toMatchObject({ status: 200, body: { redirect: "/web/cases" } });
  return { ...person, device, cookie: done.cookie! };
}

async function signInWith(device: Awaited<ReturnType<typeof authenticator>>, bend: Parameters<typeof device.get>[1] = {}, query = "") {
  const options = await call("/web/passkey/sign-in/options", {});
  expect(options.status).toBe(200);
  return call(`/web/passkey/sign-in${query}`, { credential: JSON.stringify(await device.get(options.body.publicKey, bend)) });
}

describe("registering a passkey with an invite code", () => {
  it("asks for a discoverable, user-verified ES256 or RS256 credential for this site, stores it and signs in; the invite is spent as /join spends it", async () => {
    const person = await invited();
    const options = await call("/web/passkey/register/options", { invite: person.inviteCode });
    expect(options.body.publicKey).toMatchObject({
      rp: { id: "desk.test" },
      user: { name: expect.stringContaining("专员"), id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      pubKeyCredParams: [{ type: "public-key", alg: -7 }, { type: "public-key", alg: -257 }],
      attestation: "none",
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    });
    // The user handle is opaque: not the specialist's id.
    expect(options.body.publicKey.user.id).not.toContain(person.id);
    const [challenge] = await rows<{ challenge_hash: string; expires_at: number }>("SELECT challenge_hash, expires_at FROM webauthn_challenges WHERE specialist_id = ?", [person.id]);
    expect(challenge!.challenge_hash).not.toBe(options.body.publicKey.challenge);
    expect(challenge!.expires_at).toBe(clock + 5 * 60_000);

    const device = await authenticator(RP);
    const done = await call("/web/passkey/register", { credential: JSON.stringify(await device.create(options.body.publicKey)) });
    expect(done.status).toBe(200);
    expect((await request("/web/cases", { cookie: done.cookie! })).status).toBe(200);
    expect(await rows("SELECT specialist_id, algorithm, sign_count, transports FROM passkeys WHERE credential_id = ?", [device.credentialId])).toEqual([
      { specialist_id: person.id, algorithm: -7, sign_count: 1, transports: '["internal"]' },
    ]);
    expect(await rows("SELECT invite_code_hash, telegram_id FROM specialists WHERE id = ?", [person.id])).toEqual([{ invite_code_hash: null, telegram_id: null }]);
    expect(await rows("SELECT 1 FROM webauthn_challenges WHERE specialist_id = ?", [person.id])).toEqual([]);
    // Spent: neither the web nor /join takes the code again.
    expect((await call("/web/passkey/register/options?lang=en", { invite: person.inviteCode })).body.error).toContain("Invite code: not valid");
    expect((await new Chat("en").send(`/join ${person.inviteCode}`)).join()).not.toMatch(/Welcome|欢迎/);
  });

  it("refuses a wrong invite code, naming the field and the rule in the reader's language", async () => {
    const zh = await request("/web/passkey/register/options", { form: { invite: "AAAA-BBBB-CCCC" } });
    expect([zh.status, ((await zh.json()) as { error: string }).error]).toEqual([400, expect.stringContaining("“邀请码”无效")]);
    const en = await call("/web/passkey/register/options?lang=en", { invite: "x" });
    expect(en).toMatchObject({ status: 400, body: { error: expect.stringContaining("Invite code: not valid") } });
  });

  it("stores nothing when the invite was spent meanwhile (by /join in Telegram), and says so", async () => {
    const person = await invited();
    const options = await call("/web/passkey/register/options", { invite: person.inviteCode });
    expect((await new Chat("zh-hans").send(`/join ${person.inviteCode}`)).join()).toMatch(/欢迎/);
    const device = await authenticator(RP);
    const done = await call("/web/passkey/register?lang=en", { credential: JSON.stringify(await device.create(options.body.publicKey)) });
    expect(done).toMatchObject({ status: 409, body: { error: expect.stringContaining("Invite code: already used") } });
    expect(done.cookie).toBeUndefined();
    expect(await rows("SELECT 1 FROM passkeys WHERE credential_id = ?", [device.credentialId])).toEqual([]);
  });

  it("takes an RS256 key too", async () => {
    const { device } = await registered("RS256");
    expect((await signInWith(device)).status).toBe(200);
  });

  it("refuses a registration made on another origin, for another rpId, or without user verification, and a cross-site POST", async () => {
    const person = await invited();
    const device = await authenticator(RP);
    const attempt = async (bend: Parameters<typeof device.create>[1]) => {
      const options = await call("/web/passkey/register/options?lang=en", { invite: person.inviteCode });
      return call("/web/passkey/register?lang=en", { credential: JSON.stringify(await device.create(options.body.publicKey, bend)) });
    };
    expect(await attempt({ origin: "https://evil.example" })).toMatchObject({ status: 400, body: { error: "Passkey: made on another site (origin must be http://desk.test)." } });
    expect(await attempt({ rpId: "evil.example" })).toMatchObject({ status: 400, body: { error: "Passkey: made for another site (rpId must be desk.test)." } });
    expect(await attempt({ flags: FLAGS.UP | FLAGS.AT })).toMatchObject({ status: 400, body: { error: expect.stringContaining("user verification is required") } });
    expect(await attempt({ type: "webauthn.get" })).toMatchObject({ status: 400 });
    const crossSite = await request("/web/passkey/register/options", { form: { invite: person.inviteCode }, origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    // None of these spent the invite.
    expect((await call("/web/passkey/register/options", { invite: person.inviteCode })).status).toBe(200);
  });
});

describe("signing in with a passkey", () => {
  it("gives the same session cookie as the bot's link, and moves the counter on", async () => {
    const { id, device } = await registered();
    const signed = await signInWith(device);
    expect(signed).toMatchObject({ status: 200, body: { redirect: "/web/cases" } });
    const page = await request("/web/cases", { cookie: signed.cookie! });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`专员${id.slice(-4)}`);
    expect(await rows("SELECT sign_count, last_used_at FROM passkeys WHERE credential_id = ?", [device.credentialId])).toEqual([{ sign_count: 2, last_used_at: clock }]);
  });

  it("goes back to the page a signed-out visit asked for, as the bot's link does", async () => {
    const { device } = await registered();
    const asked = await request("/web/cases?kind=urgent");
    expect(asked.status).toBe(401);
    const remembered = asked.headers.getSetCookie().find((c) => c.startsWith("desk_next="))!.split(";")[0]!;
    const options = await call("/web/passkey/sign-in/options", {});
    const response = await request("/web/passkey/sign-in", { form: { credential: JSON.stringify(await device.get(options.body.publicKey)) }, cookie: remembered });
    expect(await response.json()).toEqual({ redirect: "/web/cases?kind=urgent" });
  });

  it("refuses a replayed challenge and an expired one", async () => {
    const { device } = await registered();
    const options = await call("/web/passkey/sign-in/options", {});
    const response = JSON.stringify(await device.get(options.body.publicKey));
    expect((await call("/web/passkey/sign-in", { credential: response })).status).toBe(200);
    const replayed = await call("/web/passkey/sign-in?lang=en", { credential: response });
    expect(replayed).toMatchObject({ status: 400, body: { error: expect.stringContaining("unknown or already used") } });

    const late = await call("/web/passkey/sign-in/options", {});
    clock += 5 * 60_000 + 1;
    try {
      const expired = await call("/web/passkey/sign-in?lang=en", { credential: JSON.stringify(await device.get(late.body.publicKey)) });
      expect(expired).toMatchObject({ status: 400, body: { error: "Passkey request: expired (5 minutes). Start again." } });
    } finally {
      clock = Date.now();
    }
  });

  it("refuses another origin, another rpId, no user verification and a wrong signature, without a session", async () => {
    const { device } = await registered();
    for (const [bend, text] of [
      [{ origin: "http://desk.test.evil.example" }, "origin must be http://desk.test"],
      [{ rpId: "test" }, "rpId must be desk.test"],
      [{ flags: FLAGS.UP }, "user verification is required"],
      [{ otherKey: true }, "signature does not match"],
    ] as const) {
      const refused = await signInWith(device, { ...bend }, "?lang=en");
      expect(refused.status, text).toBe(401);
      expect(refused.body.error, text).toContain(text);
      expect(refused.cookie).toBeUndefined();
    }
    expect((await signInWith(device)).status).toBe(200);
  });

  it("refuses a counter that goes backwards and writes it to the audit trail", async () => {
    const { id, device } = await registered();
    expect((await signInWith(device, { counter: 7 })).status).toBe(200);
    const cloned = await signInWith(device, { counter: 3 });
    expect(cloned).toMatchObject({ status: 401, body: { error: expect.stringContaining("计数器倒退") } });
    expect(await rows("SELECT actor, action, target FROM audit_events WHERE target = ? AND action = 'passkey.counter_regressed'", [id])).toEqual([
      { actor: "passkey", action: "passkey.counter_regressed", target: id },
    ]);
    expect((await signInWith(device, { counter: 7 })).status).toBe(401);
    expect((await signInWith(device, { counter: 8 })).status).toBe(200);
  });

  it("refuses an unknown credential and a user handle that is not its owner's", async () => {
    const stranger = await authenticator(RP);
    await stranger.create({ challenge: "x", user: { id: "someone" } });
    expect(await signInWith(stranger)).toMatchObject({ status: 401, body: { error: expect.stringContaining("未在本系统登记") } });
    const { device } = await registered();
    expect((await signInWith(device, { userHandle: "bm90LXRoZS1vd25lcg" })).status).toBe(401);
  });

  it("stops for a deactivated specialist (session and passkey), and a new invite revokes the passkeys", async () => {
    const deactivated = await registered();
    expect((await admin("POST", `/admin/specialists/${deactivated.id}/deactivate`)).status).toBe(200);
    expect((await request("/web/cases", { cookie: deactivated.cookie })).status).toBe(401);
    expect(await signInWith(deactivated.device)).toMatchObject({ status: 401, body: { error: expect.stringContaining("已失效") } });

    const lost = await registered();
    const reinvite = await admin("POST", "/admin/specialists", { id: lost.id, name: "王专员", unitId: lost.unitId, areaCode: "sanya", role: "specialist" });
    expect(reinvite.status).toBe(201);
    expect(await rows("SELECT 1 FROM passkeys WHERE specialist_id = ?", [lost.id])).toEqual([]);
    expect((await request("/web/cases", { cookie: lost.cookie })).status).toBe(401);
    expect((await signInWith(lost.device)).status).toBe(401);
    // The new invite registers a new passkey.
    const options = await call("/web/passkey/register/options", { invite: ((await reinvite.json()) as { inviteCode: string }).inviteCode });
    const device = await authenticator(RP);
    expect((await call("/web/passkey/register", { credential: JSON.stringify(await device.create(options.body.publicKey)) })).status).toBe(200);
  });

  it("refuses a body that is not a passkey response, and one too large, naming the field", async () => {
    expect(await call("/web/passkey/sign-in?lang=en", { credential: "{}" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("(credential)") } });
    expect((await call("/web/passkey/sign-in", { credential: "x".repeat(20_000) })).status).toBe(413);
  });
});

describe("how often one address may start a ceremony (they need no sign-in)", () => {
  it("20 a minute, then 429 with the reason in the page's language; another address is not held back", async () => {
    const address = "203.0.113.7";
    const person = await invited();
    // The limiter counts in windows of a minute: one may end during the loop, so the first refusal comes after 20
    // to 40 answers, never fewer.
    let allowed = 0;
    let refused: Response | undefined;
    for (let i = 0; i < 41 && !refused; i++) {
      const response = await request("/web/passkey/sign-in/options?lang=en", { form: {}, address });
      if (response.status === 429) {
        refused = response;
      } else {
        expect(response.status, `attempt ${i + 1}`).toBe(200);
        allowed += 1;
      }
    }
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(await refused!.json()).toEqual({ error: "Passkey: too many attempts from this address. Wait a minute and try again." });
    // Registration too: the invite code is not even looked at.
    const zh = await request("/web/passkey/register/options", { form: { invite: person.inviteCode }, address });
    expect([zh.status, await zh.json()]).toEqual([429, { error: "通行密钥：此网络地址尝试次数过多，请一分钟后再试。" }]);
    expect((await request("/web/passkey/sign-in/options", { form: {}, address: "203.0.113.8" })).status).toBe(200);
  });
});

describe("adding a passkey when signed in through the bot's link", () => {
  it("needs the session's CSRF token, keeps Telegram, and the passkey then signs in", async () => {
    const joined = await joinedSpecialist();
    const cookie = await signIn(joined.chat);
    const page = await request("/web/passkeys", { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-passkey="add"');
    expect((await request("/web/passkeys/options", { form: {}, cookie })).status).toBe(403);
    expect((await request("/web/passkeys/options", { form: { _csrf: await csrfOf(cookie), padding: "x".repeat(20_000) }, cookie })).status).toBe(413);
    const options = await call("/web/passkeys/options", { _csrf: await csrfOf(cookie) }, cookie);
    expect(options.status, options.body.page).toBe(200);
    const device = await authenticator(RP);
    expect((await call("/web/passkey/register", { credential: JSON.stringify(await device.create(options.body.publicKey)) })).status).toBe(200);
    expect((await rows<{ telegram_id: number | null }>("SELECT telegram_id FROM specialists WHERE id = ?", [joined.id]))[0]!.telegram_id).not.toBeNull();
    expect((await signInWith(device)).status).toBe(200);
  });
});

describe("the pages' scripts", () => {
  it("runs only on the passkey pages, allowed there by its hash; every other page stays script-free", async () => {
    const hash = `'sha256-${base64(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(PASSKEY_SCRIPT))))}'`;
    for (const path of ["/web/sign-in", "/web/passkey"]) {
      const response = await request(path);
      expect(response.headers.get("content-security-policy"), path).toContain(`script-src ${hash}; connect-src 'self'`);
      const text = await response.text();
      expect(text).toContain(`<script>${PASSKEY_SCRIPT}</script>`);
      expect(text).not.toMatch(/\son[a-z]+=/);
    }
    const signInPage = await (await request("/web/sign-in")).text();
    expect(signInPage).toContain("@DeskTestBot");
    const joined = await joinedSpecialist();
    const cookie = await signIn(joined.chat);
    for (const path of ["/web/cases", "/web/sign-in?t=short", "/web/nowhere"]) {
      const response = await request(path, { cookie });
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
      expect(response.headers.get("content-security-policy"), path).not.toContain("script-src");
      expect(await response.text(), path).not.toContain("<script");
    }
  });
});
