// The few Web Crypto steps the Worker signs and mints tokens with, in one place.
const encoder = new TextEncoder();

/** HMAC-SHA256 of `message` under `secret`. The key is imported per call: a promise shared across requests is unsafe in workerd. */
export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

export function base64url(bytes: Uint8Array): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The SHA-256 of `text` in hex: how one-time codes and tokens are stored (never the tokens themselves). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

/** `bytes` random bytes, URL-safe (32 bytes: 256 bits, 43 characters). */
export const randomToken = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** Bytes of URL-safe base64 (padded or not); throws on anything else. */
export const fromBase64url = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/** An AES-256-GCM key from a secret setting of at least 32 characters (its SHA-256). */
async function aesKey(secret: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(secret));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/**
 * Encrypts a credential for storage: `v1.<iv>.<ciphertext>`, AES-GCM with a random 96-bit IV. `context`
 * (e.g. the robot's owner) is bound as additional data, so a ciphertext copied to another row fails to open.
 */
export async function sealSecret(secret: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(context) }, await aesKey(secret), encoder.encode(plaintext));
  return `v1.${base64url(iv)}.${base64url(new Uint8Array(sealed))}`;
}

/** Opens what sealSecret made under the same key and context; throws on any other. */
export async function openSecret(secret: string, sealed: string, context: string): Promise<string> {
  const [version, iv, data] = sealed.split(".");
  if (version !== "v1" || !iv || !data) throw new Error("not a sealed credential");
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64url(iv), additionalData: encoder.encode(context) }, await aesKey(secret), fromBase64url(data));
  return new TextDecoder().decode(plain);
}

/** Base64 (standard alphabet, padded) of bytes: DingTalk's signature is in it. */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
