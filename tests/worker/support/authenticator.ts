// A software passkey authenticator for the workerd tests: real key pairs (Web Crypto), real client data,
// authenticator data and signatures, shaped as a browser's PublicKeyCredential.toJSON() (the page's
// script sends the same). Each response can be bent (origin, rpId, flags, counter, key) to test a refusal.
import { base64url } from "../../../lib/crypto.ts";

const encoder = new TextEncoder();
const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const uint32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** r ‖ s (Web Crypto's ECDSA output) as the DER SEQUENCE authenticators send. */
function der(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const body = bytes[i]! & 0x80 ? concat(new Uint8Array([0]), bytes.subarray(i)) : bytes.subarray(i);
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const body = concat(integer(raw.subarray(0, 32)), integer(raw.subarray(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export const FLAGS = { UP: 0x01, UV: 0x04, AT: 0x40 } as const;

export interface Bend {
  origin?: string;
  rpId?: string;
  type?: string;
  flags?: number;
  /** The counter the authenticator reports (default: one more than last time). */
  counter?: number;
  /** Sign with another key than the registered one. */
  otherKey?: boolean;
  userHandle?: string | null;
}

export async function authenticator(rp: { origin: string; rpId: string }, algorithm: "ES256" | "RS256" = "ES256") {
  const params =
    algorithm === "ES256"
      ? ({ name: "ECDSA", namedCurve: "P-256" } as const)
      : ({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" } as const);
  const generate = () => crypto.subtle.generateKey(params, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  const [keys, other] = await Promise.all([generate(), generate()]);
  const id = crypto.getRandomValues(new Uint8Array(16));
  const credentialId = base64url(id);
  let counter = 0;
  let userHandle: string | undefined;

  const clientData = (type: string, challenge: string, bend: Bend) =>
    encoder.encode(JSON.stringify({ type: bend.type ?? type, challenge, origin: bend.origin ?? rp.origin, crossOrigin: false }));
  const head = async (bend: Bend, flags: number) => {
    counter = bend.counter ?? counter + 1;
    return concat(await sha256(encoder.encode(bend.rpId ?? rp.rpId)), new Uint8Array([bend.flags ?? flags]), uint32(counter));
  };

  return {
    credentialId,
    /** What navigator.credentials.create gives the page for these options (only `challenge` and `user.id` are read). */
    async create(options: { challenge: string; user: { id: string } }, bend: Bend = {}) {
      userHandle = options.user.id;
      // aaguid (16 zero bytes: none attestation), the id's length and id, then the COSE key (not read by the Worker: it takes the SPKI).
      const attested = concat(new Uint8Array(16), new Uint8Array([0, id.length]), id, new Uint8Array([0xa1, 0x01, algorithm === "ES256" ? 0x02 : 0x03]));
      const authenticatorData = concat(await head(bend, FLAGS.UP | FLAGS.UV | FLAGS.AT), attested);
      const spki = new Uint8Array((await crypto.subtle.exportKey("spki", keys.publicKey)) as ArrayBuffer);
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        response: {
          clientDataJSON: base64url(clientData("webauthn.create", options.challenge, bend)),
          authenticatorData: base64url(authenticatorData),
          publicKey: base64url(spki),
          publicKeyAlgorithm: algorithm === "ES256" ? -7 : -257,
          transports: ["internal"],
        },
      };
    },
    /** What navigator.credentials.get gives the page for these options. */
    async get(options: { challenge: string }, bend: Bend = {}) {
      const authenticatorData = await head(bend, FLAGS.UP | FLAGS.UV);
      const data = clientData("webauthn.get", options.challenge, bend);
      const signed = concat(authenticatorData, await sha256(data));
      const key = (bend.otherKey ? other : keys).privateKey;
      const signature = new Uint8Array(await crypto.subtle.sign(algorithm === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : "RSASSA-PKCS1-v1_5", key, signed));
      return {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        response: {
          clientDataJSON: base64url(data),
          authenticatorData: base64url(authenticatorData),
          signature: base64url(algorithm === "ES256" ? der(signature) : signature),
          userHandle: bend.userHandle === undefined ? (userHandle ?? null) : bend.userHandle,
        },
      };
    },
  };
}
