// Where a unit or a specialist hears (reminders, digests, supervision notices): its Telegram chat, or
// one group robot (notice_robots) that replaces it. The credential arrives sealed (lib/crypto.ts);
// the audit trail records the kind, the hint (last 4 characters) and how many mentions, never the
// credential or the mobile numbers.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { noticeRobots, specialists, units } from "../schema.ts";
import { audit } from "./admin.ts";

export type ChannelOwner = { unitId: string; specialistId?: undefined } | { specialistId: string; unitId?: undefined };

export type NoticeChannel =
  | { kind: "telegram"; chatId: number }
  | { kind: "dingtalk" | "wecom"; credential: string; hint: string; mentionMobiles: string[] };

const ownerColumn = (owner: ChannelOwner) => (owner.unitId !== undefined ? eq(noticeRobots.unitId, owner.unitId) : eq(noticeRobots.specialistId, owner.specialistId));
const ownerTarget = (owner: ChannelOwner) => (owner.unitId !== undefined ? `unit:${owner.unitId}` : `specialist:${owner.specialistId}`);

/** The owner exists (a unit, or a specialist, active or not). */
export function ownerExists(db: Db, owner: ChannelOwner) {
  return owner.unitId !== undefined
    ? db.select({ id: units.id }).from(units).where(eq(units.id, owner.unitId))
    : db.select({ id: specialists.id }).from(specialists).where(eq(specialists.id, owner.specialistId));
}

export function robotOf(db: Db, owner: ChannelOwner) {
  return db.select().from(noticeRobots).where(ownerColumn(owner));
}

/** The statements that set where `owner` hears, with their audit event: for the caller's one batch. */
export function noticeChannelWrites(db: Db, owner: ChannelOwner, channel: NoticeChannel, now: number, actor: string) {
  const trail = channel.kind === "telegram" ? { kind: "telegram", chatId: channel.chatId } : { kind: channel.kind, hint: channel.hint, mentions: channel.mentionMobiles.length };
  const event = audit(db, now, actor, "notice_channel.set", ownerTarget(owner), trail);
  if (channel.kind === "telegram") {
    const chat = owner.unitId !== undefined
      ? db.update(units).set({ noticeChatId: channel.chatId }).where(eq(units.id, owner.unitId))
      : db.update(specialists).set({ noticeChatId: channel.chatId }).where(eq(specialists.id, owner.specialistId));
    return [db.delete(noticeRobots).where(ownerColumn(owner)), chat, event] as const;
  }
  const values = { kind: channel.kind, credential: channel.credential, hint: channel.hint, mentionMobiles: channel.mentionMobiles, lastError: null, lastErrorAt: null, updatedAt: now };
  const upsert = db
    .insert(noticeRobots)
    .values({ ...values, unitId: owner.unitId ?? null, specialistId: owner.specialistId ?? null })
    .onConflictDoUpdate({ target: owner.unitId !== undefined ? noticeRobots.unitId : noticeRobots.specialistId, set: values });
  return [upsert, event] as const;
}

/** What a robot's vendor last answered to a message or a test (null: it went through). */
export function robotAnswerWrite(db: Db, robotId: number, error: string | null, now: number) {
  return db.update(noticeRobots).set({ lastError: error, lastErrorAt: error ? now : null }).where(eq(noticeRobots.id, robotId));
}

/** Every unit's and specialist's channel, for the admin page: kind, hint and the vendor's last refusal. */
export function noticeChannels(db: Db) {
  return db
    .select({
      id: noticeRobots.id,
      unitId: noticeRobots.unitId,
      specialistId: noticeRobots.specialistId,
      kind: noticeRobots.kind,
      hint: noticeRobots.hint,
      mentions: sql<number>`json_array_length(coalesce(${noticeRobots.mentionMobiles}, '[]'))`,
      lastError: noticeRobots.lastError,
      lastErrorAt: noticeRobots.lastErrorAt,
    })
    .from(noticeRobots);
}
