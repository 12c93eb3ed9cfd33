// Verifying passkeys (WebAuthn Level 3, §7.1 registration and §7.2 authentication) on Web Crypto.
// Hand-written rather than @simplewebauthn/server: that library bundled to 85 KiB gzip (its `helpers`
// sub-path alone 71 KiB: it pulls @peculiar's ASN.1 and X.509 for the attestation formats) against the
// web Worker's 5.8 KiB to spare under 150 KiB; with @levischuck/tiny-cbor to read the attestation object
// and COSE keys this feature still went 1.7 KiB over. So no CBOR at all: we ask for no attestation (the
// browser then sends `none`, which proves nothing, so there is nothing in the attestation object to
// verify), and take the public key as the browser gives it, in SPKI form with its COSE algorithm
// (AuthenticatorAttestationResponse.getPublicKey(), made for relying parties that do not parse CBOR).
// ES256 and RS256 only. Which challenge a response answers is the caller's look-up (`challengeOf`).
import { base64url, fromBase64url } from "./crypto.ts";

/** COSE algorithms we accept, in our order of preference: ES256, RS256. */
export const COSE_ALGORITHMS = [-7, -257] as const;

/** Why a response is refused; each has its message in passkey.ftl (`passkey-refused-<reason>`). */
/** `user`: not present or not verified; `unsupported`: a key other than ES256 / RS256. */
export type Refusal = "malformed" | "origin" | "rp-id" | "user" | "unsupported" | "signature" | "counter";

export type Verified<T> = ({ ok: true } & T) | { ok: false; reason: Refusal };

/** What the page must have been and whom it spoke for: PUBLIC_BASE_URL's origin and its host name. */
export interface RelyingParty {
  origin: string;
  rpId: string;
}

export interface RegistrationResponse {
  id: string;
  response: { clientDataJSON: string; authenticatorData: string; publicKey: string; publicKeyAlgorithm: number; transports: string[] };
}

export interface AuthenticationResponse {
  id: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string | null };
}

const isBase64url = (value: unknown): value is string => typeof value === "string" && /^[A-Za-z0-9_-]{1,8192}$/.test(value);

/** A response as PublicKeyCredential.toJSON() writes it (the page builds the same), if `fields` are base64url text. */
function responseFrom(json: string, fields: string[]) {
  try {
    const value = JSON.parse(json);
    return value?.type === "public-key" && isBase64url(value.id) && fields.every((field) => isBase64url(value.response?.[field])) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A registration response from its JSON, or undefined if any part is missing or misshapen. */
export function registrationFrom(json: string): RegistrationResponse | undefined {
  const value = responseFrom(json, ["clientDataJSON", "authenticatorData", "publicKey"]);
  if (value) value.response.transports ??= [];
  const transports: unknown = value?.response.transports;
  const fits = typeof value?.response.publicKeyAlgorithm === "number" && Array.isArray(transports) && transports.every((t) => typeof t === "string" && t.length <= 32);
  return fits ? value : undefined;
}

/** An authentication response from its JSON, or undefined if any part is missing or misshapen. */
export function authenticationFrom(json: string): AuthenticationResponse | undefined {
  const value = responseFrom(json, ["clientDataJSON", "authenticatorData", "signature"]);
  const handle = value?.response.userHandle;
  return value && (handle == null || isBase64url(handle)) ? value : undefined;
}

interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
}

function clientDataOf(encoded: string): ClientData | undefined {
  try {
    const data = JSON.parse(new TextDecoder().decode(fromBase64url(encoded))) as Partial<ClientData>;
    return typeof data.type === "string" && typeof data.challenge === "string" && typeof data.origin === "string" ? (data as ClientData) : undefined;
  } catch {
    return undefined;
  }
}

/** The challenge (base64url, as issued) a response's client data answers, read before anything is verified. */
export const challengeOf = (clientDataJSON: string): string | undefined => clientDataOf(clientDataJSON)?.challenge;

function checkClientData(encoded: string, type: "webauthn.create" | "webauthn.get", rp: RelyingParty): Refusal | undefined {
  const data = clientDataOf(encoded);
  if (!data) return "malformed";
  if (data.type !== type) return "malformed";
  if (data.origin !== rp.origin || data.crossOrigin === true) return "origin";
  return undefined;
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

interface AuthenticatorData {
  rpIdHash: Uint8Array;
  flags: number;
  signCount: number;
  /** The attested credential's id, when the data carries one (registration). */
  credentialId?: Uint8Array;
}

/** §6.1: rpIdHash (32) · flags (1) · signCount (4, big-endian) · [aaguid (16) · id length (2) · id · COSE key]. */
function authenticatorDataOf(bytes: Uint8Array): AuthenticatorData {
  if (bytes.length < 37) throw new Error("authenticator data too short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data: AuthenticatorData = { rpIdHash: bytes.subarray(0, 32), flags: bytes[32]!, signCount: view.getUint32(33) };
  if (data.flags & FLAG_ATTESTED_CREDENTIAL) data.credentialId = bytes.subarray(55, 55 + view.getUint16(53));
  return data;
}

async function checkAuthenticatorData(data: AuthenticatorData, rp: RelyingParty): Promise<Refusal | undefined> {
  const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(rp.rpId)));
  if (!equalBytes(data.rpIdHash, expected)) return "rp-id";
  if (!(data.flags & FLAG_USER_PRESENT) || !(data.flags & FLAG_USER_VERIFIED)) return "user";
  return undefined;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** An SPKI public key of a COSE algorithm we accept, as a Web Crypto key (undefined for any other). */
function verifyingKeyOf(spki: Uint8Array<ArrayBuffer>, algorithm: number): Promise<CryptoKey> | undefined {
  if (algorithm === -7) return crypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  if (algorithm === -257) return crypto.subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
  return undefined;
}

/** An ECDSA P-256 signature from its DER form (what authenticators send) to r ‖ s (what Web Crypto takes). */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array(64);
  // SEQUENCE { INTEGER r, INTEGER s }, each ≤ 33 bytes (a leading 0 keeps it positive), so short lengths only.
  for (let at = 2, offset = 0; offset < 64; offset += 32) {
    const length = der[at + 1]!;
    if (der[0] !== 0x30 || der[at] !== 0x02 || length > 33) throw new Error("not a P-256 DER signature");
    const integer = der.subarray(at + 2, at + 2 + length).subarray(-32);
    raw.set(integer, offset + 32 - integer.length);
    at += 2 + length;
  }
  return raw;
}

function signatureHolds(key: CryptoKey, signature: Uint8Array<ArrayBuffer>, signed: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (key.algorithm.name === "ECDSA") return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, derToRaw(signature), signed);
  return crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, signed);
}

/** The new credential of a registration (§7.1, no attestation): its id, SPKI public key and algorithm, counter and transports. */
export async function verifyRegistration(
  response: RegistrationResponse,
  rp: RelyingParty,
): Promise<Verified<{ credentialId: string; publicKey: string; algorithm: number; signCount: number; transports: string[] }>> {
  const refusedClientData = checkClientData(response.response.clientDataJSON, "webauthn.create", rp);
  if (refusedClientData) return { ok: false, reason: refusedClientData };
  const { authenticatorData, publicKey, publicKeyAlgorithm: algorithm, transports } = response.response;
  try {
    const data = authenticatorDataOf(fromBase64url(authenticatorData));
    const refused = await checkAuthenticatorData(data, rp);
    if (refused) return { ok: false, reason: refused };
    if (!data.credentialId || base64url(data.credentialId) !== response.id) return { ok: false, reason: "malformed" };
    const key = verifyingKeyOf(fromBase64url(publicKey), algorithm);
    if (!key) return { ok: false, reason: "unsupported" };
    await key;
    return { ok: true, credentialId: response.id, publicKey, algorithm, signCount: data.signCount, transports };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}

/**
 * An assertion (§7.2) by a stored credential: the signature over authenticatorData ‖ SHA-256(clientDataJSON),
 * and a counter that moves forward (both 0: an authenticator that keeps none, as synced passkeys do).
 */
export async function verifyAuthentication(
  response: AuthenticationResponse,
  stored: { publicKey: string; algorithm: number; signCount: number },
  rp: RelyingParty,
): Promise<Verified<{ signCount: number }>> {
  const refusedClientData = checkClientData(response.response.clientDataJSON, "webauthn.get", rp);
  if (refusedClientData) return { ok: false, reason: refusedClientData };
  try {
    const authData = fromBase64url(response.response.authenticatorData);
    const data = authenticatorDataOf(authData);
    const refused = await checkAuthenticatorData(data, rp);
    if (refused) return { ok: false, reason: refused };
    const verifying = await verifyingKeyOf(fromBase64url(stored.publicKey), stored.algorithm);
    if (!verifying) return { ok: false, reason: "unsupported" };
    const clientDataHash = new Uint8Array(await crypto.subtle.digest("SHA-256", fromBase64url(response.response.clientDataJSON)));
    const signed = new Uint8Array([...authData, ...clientDataHash]);
    if (!(await signatureHolds(verifying, fromBase64url(response.response.signature), signed))) return { ok: false, reason: "signature" };
    if ((data.signCount > 0 || stored.signCount > 0) && data.signCount <= stored.signCount) return { ok: false, reason: "counter" };
    return { ok: true, signCount: data.signCount };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
