// The passkey pages' one script (plain JS, no bundler), allowed by its SHA-256 in those pages' CSP only.
// Each form[data-passkey] asks its options endpoint for a challenge (the form's fields: the invite code
// or the CSRF token), runs the browser's ceremony, and posts the result as a form field (`credential`,
// JSON with base64url bytes) to the form's action: same-origin form POSTs, so the Origin check applies.
// Errors come back as text in the reader's language and go into the form's <output>.
import { base64 } from "../../lib/crypto.ts";

export const PASSKEY_SCRIPT = `"use strict";
const b64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
const bin = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const post = async (url, fields) => { const r = await (await fetch(url, { method: "POST", body: new URLSearchParams(fields) })).json(); if (r.error) throw r.error; return r; };
for (const form of document.querySelectorAll("form[data-passkey]")) {
  const out = form.querySelector("output"), d = form.dataset;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    out.textContent = "";
    const fields = Object.fromEntries(new FormData(form));
    try {
      const o = (await post(d.options, fields)).publicKey;
      o.challenge = bin(o.challenge);
      if (o.user) o.user.id = bin(o.user.id);
      const c = await navigator.credentials[o.user ? "create" : "get"]({ publicKey: o }).catch(() => { throw d.cancelled; });
      const r = c.response;
      const response = { clientDataJSON: b64(r.clientDataJSON) };
      if (o.user) Object.assign(response, { authenticatorData: b64(r.getAuthenticatorData()), publicKey: b64(r.getPublicKey()), publicKeyAlgorithm: r.getPublicKeyAlgorithm(), transports: r.getTransports() });
      else Object.assign(response, { authenticatorData: b64(r.authenticatorData), signature: b64(r.signature), userHandle: r.userHandle && b64(r.userHandle) });
      location.assign((await post(form.action, { ...fields, credential: JSON.stringify({ id: c.id, type: c.type, response }) })).redirect);
    } catch (problem) {
      out.textContent = typeof problem == "string" ? problem : d.failed;
    }
  });
}`;

let hash: string | undefined;

/** The script's CSP source ('sha256-…'), computed once per isolate (a string, not a shared promise). */
export async function passkeyScriptHash(): Promise<string> {
  hash ??= `sha256-${base64(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(PASSKEY_SCRIPT))))}`;
  return hash;
}
