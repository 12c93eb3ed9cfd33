// lib/base64.ts stands in for js-base64 in the Workers' bundles (wrangler's alias): the same results.
import { Base64 as reference } from "js-base64";
import { describe, expect, it } from "vitest";
import { Base64 } from "../../lib/base64.ts";

const samples = [new Uint8Array(0), new Uint8Array([0]), new Uint8Array([255, 254]), Uint8Array.from({ length: 256 }, (_, i) => i), Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)];

describe("Base64 (js-base64's two calls the libSQL client makes)", () => {
  it.each(samples.map((bytes) => [bytes.length, bytes] as const))("encodes and decodes %i bytes as js-base64 does", (_length, bytes) => {
    const encoded = Base64.fromUint8Array(bytes);
    expect(encoded).toBe(reference.fromUint8Array(bytes));
    expect(Base64.toUint8Array(encoded)).toEqual(bytes);
  });

  it("reads unpadded and URL-safe text as js-base64 does", () => {
    const bytes = Uint8Array.from([251, 255, 191, 0, 1]);
    for (const text of [reference.fromUint8Array(bytes).replace(/=+$/, ""), reference.fromUint8Array(bytes, true)]) {
      expect(Base64.toUint8Array(text)).toEqual(reference.toUint8Array(text));
    }
  });
});
