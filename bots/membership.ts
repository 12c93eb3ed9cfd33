// What the sender may act on: the firm they are an active member of, and a case of that firm. A case
// of another firm is treated exactly like a case that does not exist.
import type { CaseRow } from "../db/queries/preload.ts";
import type { Locale } from "../domain/vocabulary.ts";
import type { BotContext } from "./context.ts";

export function activeFirm(ctx: BotContext) {
  return ctx.state.sender.memberships.find((m) => m.membership.status === "active")?.firm;
}

/** The firm's name in the reader's language, else in the other one. */
export function firmName(firm: { nameZh: string | null; nameEn: string | null }, locale: Locale): string {
  return (locale === "en" ? firm.nameEn ?? firm.nameZh : firm.nameZh ?? firm.nameEn) ?? "";
}

/** The case the update points at, if the sender is an active member of its firm. */
export function visibleCase(ctx: BotContext): CaseRow | undefined {
  const found = ctx.state.sender.case;
  if (!found) return undefined;
  const member = ctx.state.sender.memberships.some((m) => m.membership.status === "active" && m.firm.id === found.firmId);
  return member ? found : undefined;
}
