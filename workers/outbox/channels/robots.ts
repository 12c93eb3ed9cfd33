// DingTalk and WeCom group robots (lib/robots/): each robot takes 20 messages a minute, so the
// outbox paces each one on a sliding minute, seeded with what earlier drains sent it (a robot's rows
// are never out with two drains at once: the claim keeps a recipient's rows in one drain). The
// credential is opened only here, per send, and never logged.
import type { OutboxRow } from "../claim.ts";
import { openSecret } from "../../../lib/crypto.ts";
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
}

/** How robots are reached under these settings (either Worker's). */
export function robotSettingsOf(settings: { CHANNEL_CREDENTIALS_KEY?: string | undefined; DINGTALK_API_ROOT: string; WECOM_API_ROOT: string }, timeoutMs = 10_000): RobotSettings {
  return { key: settings.CHANNEL_CREDENTIALS_KEY, dingtalkRoot: settings.DINGTALK_API_ROOT.replace(/\/$/, ""), wecomRoot: settings.WECOM_API_ROOT.replace(/\/$/, ""), timeoutMs };
}

/** The sealing context of a robot's credential: its owner, so a ciphertext moved to another owner does not open. */
export const robotContext = (owner: { unitId: string | null; specialistId: string | null }) =>
  owner.unitId ? `robot:unit:${owner.unitId}` : `robot:specialist:${owner.specialistId}`;

/** A stored message (Telegram HTML and its buttons) as the robots take it. */
export function robotMessageOf(payload: MessagePayload, mentions: string[]): RobotMessage {
  const rows = (payload.reply_markup as { inline_keyboard?: { text: string; url?: string }[][] } | undefined)?.inline_keyboard ?? [];
  const buttons = rows.flat().flatMap((b) => (b.url ? [{ text: b.text, url: b.url }] : []));
  return { html: payload.text, buttons, mentions };
}

/** Sends one message through a robot and says what the vendor's answer means; `clock` signs DingTalk's timestamp. */
export async function sendThroughRobot(settings: RobotSettings, credential: RobotCredential, message: RobotMessage, clock: number, sent: () => void = () => {}): Promise<{ verdict: RobotVerdict; answers: { errcode: number; errmsg: string }[] }> {
  if (credential.kind === "dingtalk") {
    sent();
    const answer = await dingtalkSend(settings.dingtalkRoot, credential, message, clock, settings.timeoutMs);
    return { verdict: dingtalkVerdict(answer), answers: [answer] };
  }
  const answers = [];
  for (const body of wecomBodies(message)) {
    sent();
    const answer = await wecomPost(settings.wecomRoot, credential.key, body, settings.timeoutMs);
    answers.push(answer);
    const verdict = wecomVerdict(answer);
    if (verdict.result !== "sent") return { verdict, answers };
  }
  return { verdict: { result: "sent" }, answers };
}

export class RobotChannel implements Channel {
  readonly #settings: RobotSettings;
  readonly #robots: Map<number, RobotTarget>;
  readonly #sent = new Map<number, number[]>();

  constructor(settings: RobotSettings, robots: Map<number, RobotTarget>) {
    this.#settings = settings;
    this.#robots = robots;
    for (const robot of robots.values()) this.#sent.set(robot.id, [...robot.recent]);
  }

  waitFor(row: OutboxRow, clock: number): number {
    const parts = this.#robots.get(row.chatId)?.kind === "wecom" ? wecomBodies(robotMessageOf(row.payload as MessagePayload, [])).length : 1;
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
    const { verdict } = await sendThroughRobot(this.#settings, credential, robotMessageOf(row.payload as MessagePayload, robot.mentions), clock, () => sent.push(clock));
    if (verdict.result !== "sent") throw new Refusal(verdict.result, verdict.error, verdict.result === "retry" ? verdict.afterMs : undefined);
  }
}
