// The e2e tests' side of the bot, from Node over HTTP: updates POSTed to the real webhook of the
// stack under `wrangler dev`, the bot's replies read from the fake Telegram API's record, and the
// admin API. (tests/worker/support does the same inside workerd; this runs against the real pair.)
import { inject } from "vitest";
import { randomUscc } from "../worker/support/data.ts";
import type { Update } from "grammy/types";
import { callbackUpdate, textUpdate, uniqueId } from "./updates.ts";

export const stack = () => ({
  baseUrl: inject("e2eBaseUrl"),
  /** The jobs Worker: its /cdn-cgi/local/scheduled runs a tick. */
  jobsUrl: inject("e2eJobsUrl"),
  telegram: inject("e2eTelegramApiRoot"),
  libsqlUrl: inject("e2eLibsqlUrl"),
  adminToken: inject("e2eAdminToken"),
  webhookSecret: inject("e2eWebhookSecret"),
});

let slugSeq = 0;
export const slugId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(slugSeq++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  status: number;
}
interface Button {
  text: string;
  callback_data?: string;
}

export async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${stack().baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack().adminToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A person in a private chat with the bot. */
export class BotChat {
  readonly userId = uniqueId();
  readonly languageCode: "en" | "zh-hans";
  #seen = 0;
  constructor(languageCode: "en" | "zh-hans" = "en") {
    this.languageCode = languageCode;
  }

  /** What Telegram accepted from the bot for this chat, oldest first. */
  async messages(): Promise<Record<string, unknown>[]> {
    const query = new URLSearchParams({ chat_id: String(this.userId), method: "sendMessage" });
    const calls = (await (await fetch(`${stack().telegram}/__control/calls?${query}`)).json()) as RecordedCall[];
    return calls.filter((c) => c.status === 200).map((c) => c.payload);
  }

  /** The bot's texts since the last send/tap. */
  async said(): Promise<string[]> {
    const all = await this.messages();
    const fresh = all.slice(this.#seen).map((m) => String(m.text ?? ""));
    this.#seen = all.length;
    return fresh;
  }

  async send(text: string): Promise<string[]> {
    await this.said();
    await this.post(textUpdate(this.userId, text, { languageCode: this.languageCode }));
    return this.said();
  }

  /** Taps the button labelled `label` (exactly, else containing it) on the latest message showing it. */
  async tap(label: string): Promise<string[]> {
    await this.said();
    for (const { reply_markup: raw } of (await this.messages()).reverse()) {
      // The Bot API takes reply_markup as JSON text or an object.
      const markup = (typeof raw === "string" ? JSON.parse(raw) : raw) as { inline_keyboard?: Button[][] } | undefined;
      const buttons = markup?.inline_keyboard?.flat() ?? [];
      const button = buttons.find((b) => b.text === label) ?? buttons.find((b) => b.text.includes(label));
      if (!button?.callback_data) continue;
      await this.post(callbackUpdate(this.userId, button.callback_data, 1, { languageCode: this.languageCode }));
      return this.said();
    }
    throw new Error(`no button "${label}" in the chat of ${this.userId}`);
  }

  private async post(update: Update): Promise<void> {
    const response = await fetch(`${stack().baseUrl}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": stack().webhookSecret },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
  }
}

/** A unit (created when not given) and a specialist in it who has sent /join with their invite. */
export async function joinedSpecialist(options: { role?: "specialist" | "admin" | "bizenv"; unitId?: string; unitName?: { zh: string; en: string } } = {}) {
  const unitId = options.unitId ?? slugId("unit");
  if (!options.unitId) {
    const name = options.unitName ?? { zh: `测试单位${unitId.slice(-5)}`, en: `Test unit ${unitId.slice(-5)}` };
    const unit = await admin("POST", "/admin/units", { id: unitId, nameZh: name.zh, nameEn: name.en, kind: "city" });
    if (unit.status !== 201) throw new Error(`POST /admin/units: ${unit.status} ${await unit.text()}`);
  }
  const id = slugId("sp");
  // No area code: cases reach them only through their firms (PUT /admin/firms/…/specialist), so
  // one test's specialist never picks up another test's case by area routing.
  const created = await admin("POST", "/admin/specialists", { id, name: `专员${id.slice(-4)}`, unitId, role: options.role ?? "specialist" });
  if (created.status !== 201) throw new Error(`POST /admin/specialists: ${created.status} ${await created.text()}`);
  const { inviteCode } = (await created.json()) as { inviteCode: string };
  const chat = new BotChat("zh-hans");
  const welcome = (await chat.send(`/join ${inviteCode}`)).join("\n");
  if (!/欢迎/.test(welcome)) throw new Error(`/join was not welcomed: ${welcome}`);
  return { id, unitId, chat };
}

/** Asks the bot for a one-time sign-in link to the supervisors' web, as the specialist does with /web. */
export async function signInLink(chat: BotChat): Promise<string> {
  const said = (await chat.send("/web")).join("\n");
  const link = /(https?:\/\/\S+\/web\/sign-in\?t=[A-Za-z0-9_-]{43})/.exec(said)?.[1];
  if (!link) throw new Error(`no sign-in link in the bot's answer to /web: ${said}`);
  return link;
}

/** /start → English → notice accepted → a firm registered (in Haikou); the firm gets `specialistId` when given. */
export async function registeredInvestor(specialistId?: string) {
  const chat = new BotChat("en");
  const uscc = randomUscc();
  await chat.send("/start");
  await chat.tap("English");
  await chat.tap("Agree and continue");
  await chat.send(uscc);
  await chat.tap("Skip");
  await chat.send("Hainan E2E Trading Ltd");
  for (const label of ["Haikou", "Trade", "Yes"]) await chat.tap(label);
  for (const text of ["Singapore", "Jane Doe", "13800138000"]) await chat.send(text);
  const done = (await chat.tap("✔ Submit")).join("\n");
  if (!/is registered/.test(done)) throw new Error(`the firm was not registered: ${done}`);
  if (specialistId) {
    const assigned = await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId });
    if (!assigned.ok) throw new Error(`PUT /admin/firms/…/specialist: ${assigned.status}`);
  }
  return { chat, uscc };
}

/** Files a policy question; returns the case's ref and its page's link, from the bot's confirmation. */
export async function filePolicyQuestion(chat: BotChat) {
  await chat.send("/policy");
  await chat.send("Zero-tariff policy for imported equipment");
  await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
  const confirmation = (await chat.tap("✔ Submit")).join("\n");
  const ref = /HN-\d{4}-\d+/.exec(confirmation)?.[0];
  const link = /(https?:\/\/\S+\/s\/[A-Za-z0-9_-]{32})/.exec(confirmation)?.[1];
  if (!ref || !link) throw new Error(`no ref or case link in the confirmation: ${confirmation}`);
  return { ref, link };
}
