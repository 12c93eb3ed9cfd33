// What the sender may act on: the firm they act for, and a case of that firm they may see. A case
// they may not see is treated exactly like a case that does not exist.
import type { CaseRow } from "../db/queries/preload.ts";
import type { Locale } from "../domain/vocabulary.ts";
import type { BotContext } from "./context.ts";

/** The membership this person acts through: verified (active), else a claim awaiting verification (unverified). */
export function actingMembership(ctx: BotContext) {
  const { memberships } = ctx.state.sender;
  return memberships.find((m) => m.membership.status === "active") ?? memberships.find((m) => m.membership.status === "unverified");
}

/** The firm this person acts for: as a verified member, or as its claimant awaiting verification. */
export function activeFirm(ctx: BotContext) {
  return actingMembership(ctx)?.firm;
}

/** The firm's name in the reader's language, else in the other one. */
export function firmName(firm: { nameZh: string | null; nameEn: string | null }, locale: Locale): string {
  return (locale === "en" ? firm.nameEn ?? firm.nameZh : firm.nameZh ?? firm.nameEn) ?? "";
}

/** The case the update points at, if the sender is a verified member of its firm, or filed it while their claim awaits verification. */
export function visibleCase(ctx: BotContext): CaseRow | undefined {
  const found = ctx.state.sender.case;
  if (!found) return undefined;
  const member = ctx.state.sender.memberships.some(
    (m) => m.firm.id === found.firmId && (m.membership.status === "active" || (m.membership.status === "unverified" && found.createdBy === ctx.from?.id)),
  );
  return member ? found : undefined;
}
