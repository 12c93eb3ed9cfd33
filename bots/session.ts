// The sender's conversation state (sessions table), read by the preload and written in the
// update's commit batch under a version check: of two quick updates from one person that both
// read version v, only the first commits; the second rolls back and Telegram redelivers it.
import { and, eq, sql } from "drizzle-orm";
import { sessions } from "../db/schema.ts";
import type { FormState } from "./forms/engine.ts";
import type { BotContext } from "./context.ts";

/** How long a half-finished intake is kept before it expires with a notice. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

export type SessionState =
  | { flow: "form"; form: FormState; caseId?: string; ref?: string }
  | { flow: "withdraw"; caseId: string; ref: string }
  | { flow: "message"; caseId: string; ref: string }
  | { flow: "comment"; caseId: string; ref: string }
  /** A unit's written reply (整改情况) to a supervision notice, typed after tapping its button. */
  | { flow: "notice_reply"; noticeId: string; caseId: string; ref: string };

export interface LoadedSession {
  state: SessionState | undefined;
  /** A state that lapsed before this update: the bot says so once, then forgets it. */
  expired: SessionState | undefined;
}

export function loadSession(ctx: BotContext): LoadedSession {
  const row = ctx.state.sender.session;
  if (!row) return { state: undefined, expired: undefined };
  const state = row.state as SessionState | null;
  if (!state) return { state: undefined, expired: undefined };
  if (row.expiresAt !== null && row.expiresAt <= ctx.state.unit.now) return { state: undefined, expired: state };
  return { state, expired: undefined };
}

/** Stages the new state (null clears it) with the version check; written at commit. */
export function saveSession(ctx: BotContext, next: SessionState | null): void {
  const { unit, sender } = ctx.state;
  const telegramId = ctx.from!.id;
  const row = sender.session;
  if (row) {
    unit.expect(sql`(SELECT version FROM sessions WHERE telegram_id = ${telegramId}) = ${row.version}`);
  } else {
    unit.expect(sql`NOT EXISTS (SELECT 1 FROM sessions WHERE telegram_id = ${telegramId})`);
  }
  const version = (row?.version ?? 0) + 1;
  const values = {
    state: next,
    version,
    expiresAt: next ? unit.now + SESSION_TTL_MS : null,
    updatedAt: unit.now,
  };
  unit.write(
    unit.db
      .insert(sessions)
      .values({ telegramId, ...values })
      .onConflictDoUpdate({ target: sessions.telegramId, set: values }),
  );
  // Later reads in this update see what it will have written.
  sender.session = { telegramId, ...values };
}

export function deleteSessionsOf(ctx: BotContext) {
  const { unit } = ctx.state;
  return unit.db.delete(sessions).where(and(eq(sessions.telegramId, ctx.from!.id)));
}
