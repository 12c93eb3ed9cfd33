// The shapes of administrators' changes, checked with valibot for the admin API (JSON) and the admin
// pages (forms, whose numbers arrive as text and are converted first).
import * as v from "valibot";
import { SPECIALIST_ROLES } from "../domain/vocabulary.ts";

const slug = () => v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slug"));
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const chatId = () => v.pipe(v.number(), v.safeInteger());

export const UnitBody = v.object({
  id: slug(),
  nameZh: text(100),
  nameEn: text(150),
  kind: v.picklist(["city", "park", "department", "bizenv"]),
  areaCode: v.optional(text(40)),
  noticeChatId: v.optional(chatId()),
});
export const SpecialistBody = v.object({
  id: slug(),
  name: text(50),
  unitId: slug(),
  areaCode: v.optional(text(40)),
  role: v.picklist(SPECIALIST_ROLES),
  deputyId: v.optional(slug()),
  noticeChatId: v.optional(chatId()),
  /** Re-inviting a deactivated specialist is refused unless this is true. */
  reactivate: v.optional(v.boolean()),
});
export const AssignBody = v.object({ specialistId: slug() });
/** The largest SLA targets an admin may set (the admin pages' inputs show the same limits). */
export const SLA_MAX = { firstResponseWorkingDays: 30, firstResponseHours: 72, resolutionWorkingDays: 60 } as const;
const target = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

export const SlaBody = v.object({
  firstResponseWorkingDays: target(SLA_MAX.firstResponseWorkingDays),
  firstResponseHours: v.nullable(target(SLA_MAX.firstResponseHours)),
  resolutionWorkingDays: target(SLA_MAX.resolutionWorkingDays),
});

/** Mobiles to @-mention, comma-separated (at most 10). */
const mobiles = v.optional(v.pipe(v.string(), v.regex(/^1\d{10}(,1\d{10}){0,9}$/, "mobile")));
/**
 * Where a unit or a specialist hears: a Telegram chat, a DingTalk custom robot (its webhook URL with
 * the access token, and its signing secret, 加签 "SEC…"), or a WeCom group robot (its webhook key or
 * URL). Only the access token of a DingTalk URL is kept: messages go to DINGTALK_API_ROOT, never to a
 * host an admin typed.
 */
export const ChannelBody = v.variant("kind", [
  v.object({ kind: v.literal("telegram"), chatId: v.pipe(v.number(), v.integer()) }),
  v.object({
    kind: v.literal("dingtalk"),
    webhookUrl: v.pipe(v.string(), v.regex(/^https:\/\/\S+[?&]access_token=[A-Za-z0-9]{16,128}(&\S*)?$/, "dingtalk_webhook")),
    secret: v.pipe(v.string(), v.regex(/^SEC[A-Za-z0-9]{20,100}$/, "dingtalk_secret")),
    mentionMobiles: mobiles,
  }),
  v.object({
    kind: v.literal("wecom"),
    key: v.pipe(v.string(), v.regex(/^(https:\/\/\S+[?&]key=)?[A-Za-z0-9-]{16,64}$/, "wecom_key")),
    mentionMobiles: mobiles,
  }),
]);
export type ChannelSetting = v.InferOutput<typeof ChannelBody>;
