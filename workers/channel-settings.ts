// Setting where a unit or a specialist hears, for the admin API and the admin pages alike: the
// credential is sealed before it is stored (CHANNEL_CREDENTIALS_KEY) and shown again only as its
// last 4 characters; "send a test message" reports the vendor's answer in both languages.
import { openSecret, sealSecret } from "../lib/crypto.ts";
import type { Locale } from "../lib/fluent.ts";
import { robotContext, type RobotAnswer, type RobotCredential } from "../lib/robots/robot.ts";
import type { ChannelOwner, NoticeChannel } from "../db/queries/robots.ts";
import type { ChannelSetting } from "./admin-bodies.ts";
import { sendThroughRobot, type RobotSettings } from "./outbox/channels/robots.ts";

const contextOf = (owner: ChannelOwner) => robotContext({ unitId: owner.unitId ?? null, specialistId: owner.specialistId ?? null });
const lastFour = (secret: string) => `…${secret.slice(-4)}`;

/** The channel to store; undefined when a robot is asked for but no key is configured. */
export async function sealedChannel(setting: ChannelSetting, owner: ChannelOwner, key: string | undefined): Promise<NoticeChannel | undefined> {
  if (setting.kind === "telegram") return setting;
  if (!key) return undefined;
  const credential: RobotCredential =
    setting.kind === "dingtalk"
      ? { kind: "dingtalk", accessToken: new URL(setting.webhookUrl).searchParams.get("access_token")!, secret: setting.secret }
      : { kind: "wecom", key: setting.key.replace(/^.*[?&]key=/, "") };
  const hint = lastFour(credential.kind === "dingtalk" ? credential.secret : credential.key);
  return { kind: setting.kind, credential: await sealSecret(key, JSON.stringify(credential), contextOf(owner)), hint, mentionMobiles: setting.mentionMobiles?.split(",") ?? [] };
}

/** The caller's translator (the bot's or the web's catalogs: each Worker bundles only its own). */
export type Translate = (locale: Locale, key: string, args?: Record<string, string | number>) => string;

export interface TestReport {
  ok: boolean;
  answer: RobotAnswer;
  message: { zh: string; en: string };
}

/** Sends the test message through a stored robot and says, in both languages, what the vendor answered. */
export async function testRobot(t: Translate, settings: RobotSettings, robot: { kind: "dingtalk" | "wecom"; credential: string; mentionMobiles: string[] | null }, owner: ChannelOwner, now: number): Promise<TestReport> {
  let credential: RobotCredential;
  try {
    credential = JSON.parse(await openSecret(settings.key ?? "", robot.credential, contextOf(owner))) as RobotCredential;
  } catch {
    const answer = { errcode: -2, errmsg: "the credential does not open with CHANNEL_CREDENTIALS_KEY" };
    return { ok: false, answer, message: { zh: t("zh", "channel-test-sealed"), en: t("en", "channel-test-sealed") } };
  }
  const html = `${t("zh", "channel-test-message")}\n${t("en", "channel-test-message")}`;
  let answers: RobotAnswer[];
  try {
    ({ answers } = await sendThroughRobot(settings, credential, { html, mentions: robot.mentionMobiles ?? [] }, now));
  } catch {
    answers = [{ errcode: -1, errmsg: "no answer (network error or timeout)" }];
  }
  const answer = answers.at(-1)!;
  // A code, not a quantity: as a string, so Fluent does not group its digits (310,000).
  const args = { kind: t("zh", `channel-kind-${robot.kind}`), errcode: String(answer.errcode), errmsg: answer.errmsg };
  const key = answer.errcode === 0 ? "channel-test-ok" : "channel-test-refused";
  return { ok: answer.errcode === 0, answer, message: { zh: t("zh", key, args), en: t("en", key, { ...args, kind: t("en", `channel-kind-${robot.kind}`) }) } };
}
