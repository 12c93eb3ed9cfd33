// The shapes of administrators' changes, checked with zod for the admin API (JSON) and the admin
// pages (forms, whose numbers arrive as text and are converted first).
import * as z from "zod/mini";
import { SPECIALIST_ROLES } from "../domain/vocabulary.ts";

const slug = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slug"));
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const UnitBody = z.object({
  id: slug(),
  nameZh: text(100),
  nameEn: text(150),
  kind: z.enum(["city", "park", "department", "bizenv"]),
  areaCode: z.optional(text(40)),
  noticeChatId: z.optional(z.number().check(z.int())),
});
export const SpecialistBody = z.object({
  id: slug(),
  name: text(50),
  unitId: slug(),
  areaCode: z.optional(text(40)),
  role: z.enum(SPECIALIST_ROLES),
  deputyId: z.optional(slug()),
  noticeChatId: z.optional(z.number().check(z.int())),
  /** Re-inviting a deactivated specialist is refused unless this is true. */
  reactivate: z.optional(z.boolean()),
});
export const AssignBody = z.object({ specialistId: slug() });
/** The largest SLA targets an admin may set (the admin pages' inputs show the same limits). */
export const SLA_MAX = { firstResponseWorkingDays: 30, firstResponseHours: 72, resolutionWorkingDays: 60 } as const;
const target = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

export const SlaBody = z.object({
  firstResponseWorkingDays: target(SLA_MAX.firstResponseWorkingDays),
  firstResponseHours: z.nullable(target(SLA_MAX.firstResponseHours)),
  resolutionWorkingDays: target(SLA_MAX.resolutionWorkingDays),
});

/** Mobiles to @-mention, comma-separated (at most 10). */
const mobiles = z.optional(z.string().check(z.regex(/^1\d{10}(,1\d{10}){0,9}$/, "mobile")));
/**
 * Where a unit or a specialist hears: a Telegram chat, a DingTalk custom robot (its webhook URL with
 * the access token, and its signing secret, 加签 "SEC…"), or a WeCom group robot (its webhook key or
 * URL). Only the access token of a DingTalk URL is kept: messages go to DINGTALK_API_ROOT, never to a
 * host an admin typed. One schema per kind, chosen by `channelSchema` (zod's discriminated unions
 * and arrays would add 1.5 KiB to each Worker).
 */
const CHANNEL_BODIES = {
  telegram: z.object({ kind: z.enum(["telegram"]), chatId: z.number().check(z.int()) }),
  dingtalk: z.object({
    kind: z.enum(["dingtalk"]),
    webhookUrl: z.string().check(z.regex(/^https:\/\/\S+[?&]access_token=[A-Za-z0-9]{16,128}(&\S*)?$/, "dingtalk_webhook")),
    secret: z.string().check(z.regex(/^SEC[A-Za-z0-9]{20,100}$/, "dingtalk_secret")),
    mentionMobiles: mobiles,
  }),
  wecom: z.object({
    kind: z.enum(["wecom"]),
    key: z.string().check(z.regex(/^(https:\/\/\S+[?&]key=)?[A-Za-z0-9-]{16,64}$/, "wecom_key")),
    mentionMobiles: mobiles,
  }),
};
const ChannelKind = z.object({ kind: z.enum(["telegram", "dingtalk", "wecom"]) });
export type ChannelSetting = z.infer<(typeof CHANNEL_BODIES)[keyof typeof CHANNEL_BODIES]>;

/** The schema of a channel body, by its kind; an unknown kind gets the one that names the kind's rule. */
export function channelSchema(raw: unknown): z.ZodMiniType<ChannelSetting> {
  const kind = (raw as { kind?: unknown } | null)?.kind;
  return (typeof kind === "string" && Object.hasOwn(CHANNEL_BODIES, kind) ? CHANNEL_BODIES[kind as keyof typeof CHANNEL_BODIES] : ChannelKind) as z.ZodMiniType<ChannelSetting>;
}
