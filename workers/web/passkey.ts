// Passkeys (WebAuthn) for staff who never open Telegram: register one with an invite code (spent as /join
// spends it) or, signed in, add one; sign in with it for the same session cookie as the bot's link. The
// pages carry one script (passkey-script.ts, allowed by its hash); its requests are same-origin form
// POSTs (the Origin check applies; the signed-in one carries the CSRF token) answered with JSON. Each
// ceremony's challenge is random, stored hashed, 5 minutes, spent by the first answer whatever it is.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { bodyLimit } from "hono/body-limit";
import { html, raw } from "hono/html";
import { audit } from "../../db/queries/admin.ts";
import { advanceCounter, CHALLENGE_MS, invitedSpecialist, newChallenge, passkeyForSignIn, spendChallenge, storePasskey, type Registrant } from "../../db/queries/passkeys.ts";
import { normaliseInviteCode } from "../../db/queries/specialists.ts";
import { base64url, hmacSha256, sha256Hex } from "../../lib/crypto.ts";
import { logEvent } from "../../lib/log.ts";
import { authenticationFrom, challengeOf, COSE_ALGORITHMS, registrationFrom, verifyAuthentication, verifyRegistration, type RelyingParty } from "../../lib/webauthn.ts";
import { t, type Locale } from "./i18n.ts";
import { allowScript, csrfField, page, signedInHeader } from "./layout.ts";
import { PASSKEY_SCRIPT, passkeyScriptHash } from "./passkey-script.ts";
import { pageAfterSignIn } from "./return-to.ts";
import { dbOf, requireViewer, startSession, webLocale, type WebBindings } from "./session.ts";

export const passkeyRoutes = new Hono<WebBindings>();

/** A passkey response is a few hundred bytes (an RSA key about 1 KiB): anything past 16 KiB is not one. */
const MAX_BYTES = 16 * 1024;
const limited = bodyLimit({ maxSize: MAX_BYTES, onError: (c) => c.json({ error: t(webLocale(c), "passkey-refused-malformed") }, 413) });

/**
 * The ceremonies need no sign-in, and each writes a challenge row (a registration also tries an invite code): at
 * most wrangler.toml's limit per address (CF-Connecting-IP, set by Cloudflare) and minute, then 429.
 */
const throttled = async (c: Context<WebBindings>, next: () => Promise<void>) => {
  const limiter = c.env.PASSKEY_LIMITER;
  const address = c.req.header("CF-Connecting-IP") ?? "unknown";
  if (limiter && !(await limiter.limit({ key: `passkey:${address}` })).success) {
    logEvent("passkey_throttled", {});
    return c.json({ error: t(webLocale(c), "passkey-refused-busy") }, 429);
  }
  await next();
};

/** PUBLIC_BASE_URL's origin, and its host name as the rpId. */
function relyingParty(c: Context<WebBindings>): RelyingParty {
  const url = new URL(c.get("settings").PUBLIC_BASE_URL);
  return { origin: url.origin, rpId: url.hostname };
}

const refuse = (c: Context<WebBindings>, status: 400 | 401 | 409, key: string, args?: Record<string, string>) => c.json({ error: t(webLocale(c), key, args) }, status);

const fieldsOf = async (c: Context<WebBindings>) => (await c.req.parseBody()) as Record<string, unknown>;

const credentialOf = async (c: Context<WebBindings>) => String((await fieldsOf(c)).credential ?? "");

/** The posted credential read by `parse`, with the hash its challenge is stored under; undefined if it is not one. */
async function answerOf<T extends { response: { clientDataJSON: string } }>(c: Context<WebBindings>, parse: (json: string) => T | undefined) {
  const response = parse(await credentialOf(c));
  const challenge = response && challengeOf(response.response.clientDataJSON);
  return response && challenge ? { response, challengeHash: await sha256Hex(challenge) } : undefined;
}

/** The WebAuthn user handle: opaque (an HMAC of the id), stable per specialist, so an authenticator keeps one passkey each. */
const userHandle = async (c: Context<WebBindings>, specialistId: string) => base64url(await hmacSha256(c.get("settings").WEB_SESSION_SECRET, `passkey-user:${specialistId}`));

/** A ceremony's page: its form, which the script drives. */
async function ceremonyPage(c: Context<WebBindings>, title: string, body: unknown) {
  allowScript(c, await passkeyScriptHash());
  return c.html(page(webLocale(c), title, html`${body}<script>${raw(PASSKEY_SCRIPT)}</script>`));
}

function ceremonyForm(locale: Locale, kind: "sign-in" | "register" | "add", options: string, fields: unknown, button: string) {
  return html`<form method="post" action="${kind === "sign-in" ? "/web/passkey/sign-in" : "/web/passkey/register"}" data-passkey="${kind}" data-options="${options}"
 data-cancelled="${t(locale, "passkey-cancelled")}" data-failed="${t(locale, "passkey-failed")}">${fields}<button>${button}</button>
<p><output class="error" aria-live="polite"></output></p></form>`;
}

// The sign-in page: a passkey, or the bot's link (a link's own page is session.ts's, with ?t=).
passkeyRoutes.get("/web/sign-in", async (c, next) => {
  if (c.req.query("t") !== undefined) return next();
  const locale = webLocale(c);
  return ceremonyPage(
    c,
    t(locale, "web-signin-title"),
    html`<h1>${t(locale, "web-signin-title")}</h1><div class="card">${ceremonyForm(locale, "sign-in", "/web/passkey/sign-in/options", "", t(locale, "passkey-signin-button"))}<p><a href="/web/passkey">${t(locale, "passkey-register-title")}</a></p></div><div class="card"><p>${t(locale, "passkey-signin-telegram", { bot: `@${c.get("settings").TELEGRAM_BOT_USERNAME}` })}</p></div>`,
  );
});

passkeyRoutes.get("/web/passkey", (c) => {
  const locale = webLocale(c);
  const invite = html`<label>${t(locale, "passkey-invite-label")}<input name="invite" required autocomplete="off" spellcheck="false"></label>`;
  return ceremonyPage(
    c,
    t(locale, "passkey-register-title"),
    html`<h1>${t(locale, "passkey-register-title")}</h1><p>${t(locale, "passkey-register-intro")}</p>${ceremonyForm(locale, "register", "/web/passkey/register/options", invite, t(locale, "passkey-register-title"))}`,
  );
});

passkeyRoutes.use("/web/passkeys", requireViewer());
// The limit before the session check, which reads the body (its CSRF token).
passkeyRoutes.use("/web/passkeys/*", limited, requireViewer());

passkeyRoutes.get("/web/passkeys", (c) => {
  const locale = webLocale(c);
  const viewer = c.get("viewer");
  return ceremonyPage(
    c,
    t(locale, "passkey-add-title"),
    html`${signedInHeader(locale, viewer, "cases", `/web/passkeys?lang=${locale === "zh" ? "en" : "zh"}`)}<h1>${t(locale, "passkey-add-title")}</h1>
<p>${t(locale, "passkey-add-intro")}</p>
${ceremonyForm(locale, "add", "/web/passkeys/options", csrfField(viewer), t(locale, "passkey-add-button"))}`,
  );
});

/** Options for navigator.credentials.create: a discoverable credential, verified user, no attestation, ES256 or RS256. */
async function creationOptions(c: Context<WebBindings>, specialist: { id: string; name: string }, challenge: string) {
  const { rpId } = relyingParty(c);
  return {
    publicKey: {
      rp: { id: rpId, name: t(webLocale(c), "web-title") },
      user: { id: await userHandle(c, specialist.id), name: specialist.name, displayName: specialist.name },
      challenge,
      pubKeyCredParams: COSE_ALGORITHMS.map((alg) => ({ type: "public-key", alg })),
      timeout: CHALLENGE_MS,
      attestation: "none",
      // One user handle per specialist: a second passkey on the same authenticator replaces the first there.
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    },
  };
}

passkeyRoutes.use("/web/passkey/*", throttled);

passkeyRoutes.post("/web/passkey/register/options", limited, async (c) => {
  const code = normaliseInviteCode(String((await fieldsOf(c)).invite ?? ""));
  if (code.length < 8) return refuse(c, 400, "passkey-invite-invalid");
  const { db } = dbOf(c);
  const now = c.get("now")();
  const inviteCodeHash = await sha256Hex(code);
  const [specialist] = await invitedSpecialist(db, inviteCodeHash, now);
  if (!specialist) return refuse(c, 400, "passkey-invite-invalid");
  const { challenge, writes } = await newChallenge(db, "register", now, { specialistId: specialist.id, inviteCodeHash });
  await db.batch(writes);
  return c.json(await creationOptions(c, specialist, challenge));
});

passkeyRoutes.post("/web/passkeys/options", async (c) => {
  const viewer = c.get("viewer");
  const { db } = dbOf(c);
  const { challenge, writes } = await newChallenge(db, "register", c.get("now")(), { specialistId: viewer.id, generation: c.get("generation") });
  await db.batch(writes);
  return c.json(await creationOptions(c, viewer, challenge));
});

passkeyRoutes.post("/web/passkey/sign-in/options", limited, async (c) => {
  const { db } = dbOf(c);
  const { challenge, writes } = await newChallenge(db, "sign-in", c.get("now")());
  await db.batch(writes);
  const { rpId } = relyingParty(c);
  // Usernameless: no allowCredentials, the authenticator offers its discoverable passkeys for this rpId.
  return c.json({ publicKey: { challenge, rpId, timeout: CHALLENGE_MS, userVerification: "required", allowCredentials: [] } });
});

type SpentChallenge = Awaited<ReturnType<typeof spendChallenge>>[number];

/** Why a spent challenge cannot be used for `ceremony`, if it cannot. */
function challengeRefusal(spent: SpentChallenge | undefined, ceremony: SpentChallenge["ceremony"], now: number): string | undefined {
  if (!spent || spent.ceremony !== ceremony) return "passkey-challenge-unknown";
  if (spent.expiresAt <= now) return "passkey-challenge-expired";
  return undefined;
}

passkeyRoutes.post("/web/passkey/register", limited, async (c) => {
  const answer = await answerOf(c, registrationFrom);
  if (!answer) return refuse(c, 400, "passkey-refused-malformed");
  const { response, challengeHash } = answer;
  const { db } = dbOf(c);
  const now = c.get("now")();
  const [[spent]] = await db.batch([spendChallenge(db, challengeHash)]);
  const stale = challengeRefusal(spent, "register", now);
  if (stale || !spent?.specialistId) return refuse(c, 400, stale ?? "passkey-challenge-unknown");
  const rp = relyingParty(c);
  const verified = await verifyRegistration(response, rp);
  if (!verified.ok) return refuse(c, 400, `passkey-refused-${verified.reason}`, { ...rp });
  const registrant: Registrant = spent.inviteCodeHash
    ? { specialistId: spent.specialistId, inviteCodeHash: spent.inviteCodeHash }
    : { specialistId: spent.specialistId, generation: spent.generation ?? -1 };
  const results = await db.batch(storePasskey(db, registrant, verified, now));
  const [stored] = results[results.length - 1] as { id: string; generation: number }[];
  if (!stored) return "inviteCodeHash" in registrant ? refuse(c, 409, "passkey-invite-spent") : refuse(c, 401, "web-signed-out");
  // By invite: signed in at once, as the bot's link would (a session that added one simply goes on).
  await startSession(c, stored.id, stored.generation);
  return c.json({ redirect: "/web/cases" });
});

passkeyRoutes.post("/web/passkey/sign-in", limited, async (c) => {
  const answer = await answerOf(c, authenticationFrom);
  if (!answer) return refuse(c, 400, "passkey-refused-malformed");
  const { response, challengeHash } = answer;
  const { db } = dbOf(c);
  const now = c.get("now")();
  const [[spent], [stored]] = await db.batch([spendChallenge(db, challengeHash), passkeyForSignIn(db, response.id)]);
  const stale = challengeRefusal(spent, "sign-in", now);
  if (stale) return refuse(c, 400, stale);
  if (!stored) return refuse(c, 401, "passkey-credential-unknown");
  if (!stored.active || stored.generation !== stored.sessionGeneration) return refuse(c, 401, "passkey-credential-revoked");
  const { userHandle: handle } = response.response;
  if (handle && handle !== (await userHandle(c, stored.specialistId))) return refuse(c, 401, "passkey-credential-unknown");
  const rp = relyingParty(c);
  const verified = await verifyAuthentication(response, stored, rp);
  // Two sign-ins racing on one counter value: the one whose update finds it moved is refused like a counter going back.
  const moved = verified.ok && (await advanceCounter(db, stored.credentialId, stored.signCount, verified.signCount, now)).length > 0;
  if (verified.ok && moved) {
    await startSession(c, stored.specialistId, stored.sessionGeneration);
    // Back to the page a signed-out visit asked for (a case's link from a group), as the bot's link does.
    return c.json({ redirect: pageAfterSignIn(c, undefined) });
  }
  const reason = verified.ok ? "counter" : verified.reason;
  if (reason === "counter") {
    // A cloned authenticator would do this: refused, and kept in the audit trail for the admins.
    await audit(db, now, "passkey", "passkey.counter_regressed", stored.specialistId, { credentialId: stored.credentialId, storedCount: stored.signCount });
    logEvent("passkey_counter_regressed", {});
  }
  return refuse(c, 401, `passkey-refused-${reason}`, { ...rp });
});
