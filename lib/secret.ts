// Constant-time comparison of a presented secret with the expected one. Both are hashed first so
// the comparison takes the same time whatever their lengths.
const encoder = new TextEncoder();

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

export async function secretsMatch(presented: string | undefined | null, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(presented ?? ""), digest(expected)]);
  let diff = presented == null ? 1 : 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
