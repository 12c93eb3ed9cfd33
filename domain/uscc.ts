// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet without I, O, S,
// V and Z; characters 3–8 are the administrative division code; the 18th is a check character.
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccError =
  | { code: "empty" }
  | { code: "length"; length: number }
  | { code: "illegal_character"; position: number; character: string }
  | { code: "division"; position: number }
  | { code: "check_digit"; expected: string };

export type UsccResult = { ok: true; value: string } | { ok: false; error: UsccError };

/** Full-width letters and digits (as typed with a Chinese input method) become half-width; spaces and dashes go. */
export function normaliseUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, "")
    .toUpperCase();
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(input: string): UsccResult {
  const value = normaliseUscc(input);
  if (value.length === 0) return { ok: false, error: { code: "empty" } };
  const characters = [...value];
  const illegal = characters.findIndex((c) => !USCC_ALPHABET.includes(c));
  if (illegal >= 0 && illegal < 18) return { ok: false, error: { code: "illegal_character", position: illegal + 1, character: characters[illegal]! } };
  if (characters.length !== 18) return { ok: false, error: { code: "length", length: characters.length } };
  const division = characters.slice(2, 8).findIndex((c) => !/\d/.test(c));
  if (division >= 0) return { ok: false, error: { code: "division", position: division + 3 } };
  const expected = usccCheckCharacter(value);
  if (value[17] !== expected) return { ok: false, error: { code: "check_digit", expected } };
  return { ok: true, value };
}
