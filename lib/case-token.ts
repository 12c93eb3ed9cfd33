// Tokens of the public case pages (/s/<token>): 192 bits from HMAC-SHA256 over the case id and a
// token generation, under CASE_LINK_SECRET (its own key: rotating the webhook secret breaks no link).
// Only the token's SHA-256 is kept (cases.public_token_hash), to find the case; every status update
// makes the token again to carry the link. Revoking = a new generation.
// Rotation: the new key becomes CASE_LINK_SECRET and the old one CASE_LINK_SECRET_PREVIOUS. A link
// opens by its stored hash whatever the keys, so links already sent keep opening; new links (new
// cases, revoked links) use the current key; later updates of a case repeat the link it has, made
// again with whichever of the two keys made it.
import { base64url, hmacSha256, sha256Hex } from "./crypto.ts";
import type { Settings } from "./settings.ts";

/** The token a key makes for a case's link generation. */
export async function caseTokenWith(key: string, caseId: string, generation: number): Promise<string> {
  return base64url((await hmacSha256(key, `case-page:${caseId}:${generation}`)).slice(0, 24));
}

/** A new link's token (a new case, a revoked link): always under the current key. */
export function caseToken(settings: Pick<Settings, "CASE_LINK_SECRET">, caseId: string, generation = 1): Promise<string> {
  return caseTokenWith(settings.CASE_LINK_SECRET, caseId, generation);
}

/**
 * The token of the link a case has (the one whose SHA-256 is stored), made again under the current key,
 * else the previous one; undefined when neither made it (its key has since been dropped).
 */
export async function existingCaseToken(
  // The supervisors' web may hold the keys too (optional there), to link the firm's updates it sends.
  settings: { CASE_LINK_SECRET?: string | undefined; CASE_LINK_SECRET_PREVIOUS?: string | undefined },
  c: { id: string; linkGeneration: number; publicTokenHash: string | null },
): Promise<string | undefined> {
  for (const key of [settings.CASE_LINK_SECRET, settings.CASE_LINK_SECRET_PREVIOUS]) {
    if (key === undefined) continue;
    const token = await caseTokenWith(key, c.id, c.linkGeneration);
    if ((await sha256Hex(token)) === c.publicTokenHash) return token;
  }
  return undefined;
}

export function caseLink(settings: Pick<Settings, "PUBLIC_BASE_URL">, token: string): string {
  return new URL(`/s/${token}`, settings.PUBLIC_BASE_URL).toString();
}

/** A case's page in the supervisors' web, for staff (who sign in there; a ref is no secret). */
export function casePageUrl(publicBaseUrl: string, ref: string): string {
  return new URL(`/web/cases/${encodeURIComponent(ref)}`, publicBaseUrl).toString();
}
