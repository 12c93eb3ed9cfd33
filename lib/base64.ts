// The two functions of js-base64 that the libSQL client calls (blobs in Hrana's JSON encoding), on the
// runtime's own btoa/atob: both wrangler configs alias "js-base64" to this module, which keeps the
// library's 1.3 KiB gzip out of each Worker. tests/unit/base64.test.ts holds it to js-base64's results.
const CHUNK = 0x8000;

function fromUint8Array(bytes: Uint8Array): string {
  let binary = "";
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

/** Standard or URL-safe alphabet, padded or not, as js-base64 reads it. */
function toUint8Array(base64: string): Uint8Array {
  const binary = atob(base64.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/")).replace(/[^A-Za-z0-9+/]/g, ""));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export const Base64 = { fromUint8Array, toUint8Array };
