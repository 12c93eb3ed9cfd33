// A WeCom group robot (群机器人). Checked against WeCom's documentation,
// https://developer.work.weixin.qq.com/document/path/91770 (群机器人配置说明):
//   POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>
//   {"msgtype":"markdown","markdown":{"content"}}: content at most 4,096 bytes (UTF-8), no @-mentions;
//   {"msgtype":"text","text":{"content","mentioned_mobile_list":[…]}}: content at most 2,048 bytes, mentions by mobile.
//   20 messages a minute per robot. Errors (https://developer.work.weixin.qq.com/document/path/90313):
//   45009 (api freq out of limit), 93000 (invalid webhook url: a wrong or deleted key), 40008 / 40058 /
//   44004 (a message it will never take), -1 (system busy).
import { markdownOf, plainOf, splitBytes, utf8Length } from "./markdown.ts";
import { describe, postJson, type RobotAnswer, type RobotMessage, type RobotVerdict } from "./robot.ts";

export const WECOM_MARKDOWN_BYTES = 4096;
export const WECOM_TEXT_BYTES = 2048;

/** The bodies one message goes as, in order: a text with mentions when it fits, else markdown in parts of ≤ 4,096 bytes. */
export function wecomBodies(message: RobotMessage): unknown[] {
  const plain = [plainOf(message.html), ...(message.buttons ?? []).map((b) => `${b.text}: ${b.url}`)].join("\n");
  if (message.mentions.length && utf8Length(plain) <= WECOM_TEXT_BYTES) {
    return [{ msgtype: "text", text: { content: plain, mentioned_mobile_list: message.mentions } }];
  }
  return splitBytes(markdownOf(message.html, message.buttons), WECOM_MARKDOWN_BYTES).map((content) => ({ msgtype: "markdown", markdown: { content } }));
}

export async function wecomPost(root: string, key: string, body: unknown, timeoutMs: number): Promise<RobotAnswer> {
  const answer = await postJson(`${root}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, body, timeoutMs);
  if (answer.status >= 500) return { errcode: -1, errmsg: `HTTP ${answer.status}` };
  return answer;
}

export function wecomVerdict(answer: RobotAnswer): RobotVerdict {
  if (answer.errcode === 0) return { result: "sent" };
  const error = describe("wecom", answer);
  if (answer.errcode === 45009) return { result: "retry", afterMs: 60_000, error };
  if (answer.errcode === -1) return { result: "retry", error };
  return { result: "give_up", error };
}
