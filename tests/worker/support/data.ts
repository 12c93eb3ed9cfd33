import { USCC_ALPHABET, usccCheckCharacter } from "../../../domain/uscc.ts";

/** A valid, random unified social credit code (Hainan division 460100), unique per test. */
export function randomUscc(): string {
  let body = "91460100";
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[Math.floor(Math.random() * USCC_ALPHABET.length)];
  return body + usccCheckCharacter(body);
}

export function withWrongCheck(uscc: string): string {
  const last = uscc[17]!;
  return uscc.slice(0, 17) + (last === "0" ? "1" : "0");
}
