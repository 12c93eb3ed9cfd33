// DingTalk and WeCom group robots (lib/robots/): each robot takes 20 messages a minute, so the
// outbox paces each one on a sliding minute, seeded with what earlier drains sent it (a robot's rows
// are never out with two drains at once: the claim keeps a recipient's rows in one drain). The
// credential is opened only here, per send, and never logged. A notice about a case links to the case's
// page in the supervisors' web, where a specialist who heard in the group can act without Telegram.
import type { OutboxRow } from "../claim.ts";
import { casePageUrl } from "../../../lib/case-token.ts";
import { openSecret } from "../../../lib/crypto.ts";
import { t } from "../../../lib/i18n.ts";
import { dingtalkSend, dingtalkVerdict } from "../../../lib/robots/dingtalk.ts";
import { ROBOT_PER_MINUTE, type RobotCredential, type RobotMessage, type RobotVerdict } from "../../../lib/robots/robot.ts";
import { wecomBodies, wecomPost, wecomVerdict } from "../../../lib/robots/wecom.ts";
import type { MessagePayload } from "../../../db/queries/outbox.ts";
import { Refusal, type Channel } from "./channel.ts";

/** Telegram counts arrivals; the vendors likely do too: the same guard as the Telegram pacer. */
const MINUTE_MS = 60_000 + 50;

export interface RobotTarget {
  id: number;
  kind: "dingtalk" | "wecom";
  /** Sealed (lib/crypto.ts), bound to `context`. */
  credential: string;
  context: string;
  mentions: string[];
  /** When earlier drains sent to it within the last minute, on the real clock. */
  recent: number[];
}

export interface RobotSettings {
  /** CHANNEL_CREDENTIALS_KEY; without it no robot can be reached. */
  key: string | undefined;
  dingtalkRoot: string;
  wecomRoot: string;
  timeoutMs: number;
  /** PUBLIC_BASE_URL: where the supervisors' web is (`/web/cases/<ref>`). */
  webBase?: string;
}

/** How robots are reached under these settings (either Worker's). */
export function robotSettingsOf(settings: { CHANNEL_CREDENTIALS_KEY?: string | undefined; DINGTALK_API_ROOT: string; WECOM_API_ROOT: string; PUBLIC_BASE_URL: string }, timeoutMs = 10_000): RobotSettings {
  return { key: settings.CHANNEL_CREDENTIALS_KEY, dingtalkRoot: settings.DINGTALK_API_ROOT.replace(/\/$/, ""), wecomRoot: settings.WECOM_API_ROOT.replace(/\/$/, ""), timeoutMs, webBase: settings.PUBLIC_BASE_URL };
}

/** A stored message (Telegram HTML and its buttons) as the robots take it; `caseUrl`, its case's web page, becomes the last link. */
export function robotMessageOf(payload: MessagePayload, mentions: string[], caseUrl?: string): RobotMessage {
  const rows = (payload.reply_markup as { inline_keyboard?: { text: string; url?: string }[][] } | undefined)?.inline_keyboard ?? [];
  const buttons = rows.flat().flatMap((b) => (b.url ? [{ text: b.text, url: b.url }] : []));
  if (caseUrl) buttons.push({ text: `${t("zh", "robot-web-link")} / ${t("en", "robot-web-link")}`, url: caseUrl });
  return { html: payload.text, buttons, mentions };
}

/**
 * Sends one message through a robot and says what the vendor's answer means; `clock` signs DingTalk's
 * timestamp. A WeCom message in parts starts after the `delivered` parts an earlier try got through,
 * and says how many have gone when one is refused (or its call fails), so a retry never sends one twice.
 */
export async function sendThroughRobot(settings: RobotSettings, credential: RobotCredential, message: RobotMessage, clock: number, sent: () => void = () => {}, delivered = 0): Promise<{ verdict: RobotVerdict; answers: { errcode: number; errmsg: string }[]; delivered: number }> {
  if (credential.kind === "dingtalk") {
    sent();
    const answer = await dingtalkSend(settings.dingtalkRoot, credential, message, clock, settings.timeoutMs);
    return { verdict: dingtalkVerdict(answer), answers: [answer], delivered: answer.errcode === 0 ? 1 : 0 };
  }
  const answers = [];
  for (const body of wecomBodies(message).slice(delivered)) {
    sent();
    let verdict: RobotVerdict;
    try {
      const answer = await wecomPost(settings.wecomRoot, credential.key, body, settings.timeoutMs);
      answers.push(answer);
      verdict = wecomVerdict(answer);
    } catch (error) {
      verdict = { result: "retry", error: `wecom ${(error as Error)?.name ?? "error"}` };
    }
    if (verdict.result !== "sent") return { verdict, answers, delivered };
    delivered += 1;
  }
  return { verdict: { result: "sent" }, answers, delivered };
}

const deliveredPartsOf = (row: OutboxRow) => (row.payload as MessagePayload).delivered_parts ?? 0;

export class RobotChannel implements Channel {
  readonly #settings: RobotSettings;
  readonly #robots: Map<number, RobotTarget>;
  readonly #refs: Map<string, string>;
  readonly #sent = new Map<number, number[]>();

  /** `refs`: case id → ref, for the rows' links to their cases. */
  constructor(settings: RobotSettings, robots: Map<number, RobotTarget>, refs = new Map<string, string>()) {
    this.#settings = settings;
    this.#robots = robots;
    this.#refs = refs;
    for (const robot of robots.values()) this.#sent.set(robot.id, [...robot.recent]);
  }

  #messageOf(row: OutboxRow, mentions: string[]): RobotMessage {
    const ref = row.caseId && this.#refs.get(row.caseId);
    return robotMessageOf(row.payload as MessagePayload, mentions, ref && this.#settings.webBase ? casePageUrl(this.#settings.webBase, ref) : undefined);
  }

  waitFor(row: OutboxRow, clock: number): number {
    const parts = this.#robots.get(row.chatId)?.kind === "wecom" ? wecomBodies(this.#messageOf(row, [])).length - deliveredPartsOf(row) : 1;
    const sent = (this.#sent.get(row.chatId) ?? []).filter((at) => at > clock - MINUTE_MS);
    this.#sent.set(row.chatId, sent);
    const room = ROBOT_PER_MINUTE - sent.length;
    if (room >= parts) return 0;
    return sent[parts - room - 1]! + MINUTE_MS - clock;
  }

  async send(row: OutboxRow, clock: number): Promise<void> {
    const robot = this.#robots.get(row.chatId);
    if (!robot || robot.kind !== row.channel) throw new Refusal("give_up", `${row.channel} robot ${row.chatId} is no longer set`);
    if (!this.#settings.key) throw new Refusal("give_up", "CHANNEL_CREDENTIALS_KEY is not set");
    let credential: RobotCredential;
    try {
      credential = JSON.parse(await openSecret(this.#settings.key, robot.credential, robot.context)) as RobotCredential;
    } catch {
      throw new Refusal("give_up", "the robot's credential does not open with CHANNEL_CREDENTIALS_KEY");
    }
    const sent = this.#sent.get(robot.id) ?? [];
    this.#sent.set(robot.id, sent);
    const { verdict, delivered } = await sendThroughRobot(this.#settings, credential, this.#messageOf(row, robot.mentions), clock, () => sent.push(clock), deliveredPartsOf(row));
    if (verdict.result !== "sent") throw new Refusal(verdict.result, verdict.error, verdict.result === "retry" ? verdict.afterMs : undefined, delivered);
  }
}
