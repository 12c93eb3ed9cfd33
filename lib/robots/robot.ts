// What the DingTalk and WeCom group robots share: the message we hand them, the vendor's answer and
// what it means for the outbox (sent, try again later, or give up: a wrong secret or a removed robot
// will not mend itself, so the admins must hear of it).

export type RobotKind = "dingtalk" | "wecom";

/** The sealing context of a robot's credential: its owner, so a ciphertext moved to another owner does not open. */
export const robotContext = (owner: { unitId: string | null; specialistId: string | null }) =>
  owner.unitId ? `robot:unit:${owner.unitId}` : `robot:specialist:${owner.specialistId}`;

/** A robot's credential as the admin gave it (stored sealed, lib/crypto.ts). */
export type RobotCredential = { kind: "dingtalk"; accessToken: string; secret: string } | { kind: "wecom"; key: string };

export interface RobotMessage {
  /** Telegram HTML, as the outbox holds every message. */
  html: string;
  /** URL buttons of the message, shown as links. */
  buttons?: { text: string; url: string }[];
  /** Mobile numbers to @-mention. */
  mentions: string[];
}

/** The vendor's answer to one call. */
export interface RobotAnswer {
  errcode: number;
  errmsg: string;
}

export type RobotVerdict = { result: "sent" } | { result: "retry"; afterMs?: number; error: string } | { result: "give_up"; error: string };

/** Every robot: 20 messages a minute (DingTalk and WeCom alike). */
export const ROBOT_PER_MINUTE = 20;

export const describe = (kind: RobotKind, answer: RobotAnswer) => `${kind} ${answer.errcode} ${answer.errmsg}`.slice(0, 300);

/** POSTs a JSON body and reads the vendor's `{errcode, errmsg}`; an HTTP error status is its own answer. */
export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<RobotAnswer & { status: number }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const answer = (await response.json().catch(() => ({}))) as Partial<RobotAnswer>;
  return { status: response.status, errcode: typeof answer.errcode === "number" ? answer.errcode : -1, errmsg: String(answer.errmsg ?? `HTTP ${response.status}`) };
}
