// A DingTalk custom robot (自定义机器人) with 加签 (signing). Checked against DingTalk's documentation:
//   sending:  https://open.dingtalk.com/document/orgapp/custom-robot-access
//             POST https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…
//             {"msgtype":"markdown","markdown":{"title","text"},"at":{"atMobiles":[…],"isAtAll":false}};
//             a mobile is mentioned only when "@<mobile>" also appears in the text. 20 messages a minute
//             per robot; over it the robot is throttled for 10 minutes.
//   signing:  https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
//             sign = urlEncode(base64(HmacSHA256(secret, "<timestamp ms>\n<secret>"))), the timestamp
//             within one hour of DingTalk's clock.
//   errors:   310000 (sign not match, invalid timestamp, keywords not in content, ip not in whitelist),
//             300001 (token is not exist), 400013 (the group was dissolved), 130101 / 410100 (send too
//             fast), -1 (system busy). Seen quoted in e.g. jenkinsci/dingtalk-plugin#116 and x-cold/dingtalk-robot#7.
import { base64, hmacSha256 } from "../crypto.ts";
import { t } from "../i18n.ts";
import { markdownOf, titleOf, utf8Length } from "./markdown.ts";
import { describe, postJson, type RobotAnswer, type RobotMessage, type RobotVerdict } from "./robot.ts";

/** What we keep a message's body under (DingTalk refuses very long messages). */
export const DINGTALK_MAX_BYTES = 20_000;
const THROTTLED_MS = 10 * 60_000;

export async function dingtalkSign(secret: string, timestamp: number): Promise<string> {
  return encodeURIComponent(base64(await hmacSha256(secret, `${timestamp}\n${secret}`)));
}

export function dingtalkBody(message: RobotMessage) {
  const mentions = message.mentions.map((m) => `@${m}`).join(" ");
  const text = markdownOf(message.html, message.buttons, true) + (mentions ? `\n\n${mentions}` : "");
  return { msgtype: "markdown", markdown: { title: titleOf(message.html) || t("zh", "robot-title"), text }, at: { atMobiles: message.mentions, isAtAll: false } };
}

export async function dingtalkSend(root: string, credential: { accessToken: string; secret: string }, message: RobotMessage, at: number, timeoutMs: number): Promise<RobotAnswer> {
  const body = dingtalkBody(message);
  if (utf8Length(JSON.stringify(body)) > DINGTALK_MAX_BYTES) return { errcode: 460101, errmsg: `message over ${DINGTALK_MAX_BYTES} bytes (not sent)` };
  const query = `access_token=${encodeURIComponent(credential.accessToken)}&timestamp=${at}&sign=${await dingtalkSign(credential.secret, at)}`;
  const answer = await postJson(`${root}/robot/send?${query}`, body, timeoutMs);
  if (answer.status >= 500) return { errcode: -1, errmsg: `HTTP ${answer.status}` };
  return answer;
}

export function dingtalkVerdict(answer: RobotAnswer): RobotVerdict {
  if (answer.errcode === 0) return { result: "sent" };
  const error = describe("dingtalk", answer);
  if (answer.errcode === 130101 || answer.errcode === 410100) return { result: "retry", afterMs: THROTTLED_MS, error };
  if (answer.errcode === -1) return { result: "retry", error };
  return { result: "give_up", error };
}
