// The grammY bot: one per isolate and token. Per-update state (the unit of work, the sender read
// in the preload) reaches the middleware through a WeakMap keyed by the Update object itself.
import { Bot, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Settings } from "../lib/settings.ts";
import { splitPayload } from "../lib/telegram-text.ts";
import type { BotContext, UpdateState } from "./context.ts";
import { account } from "./features/account.ts";
import { caseViews } from "./features/cases.ts";
import { consentGate } from "./features/consent.ts";
import { claims } from "./features/claims.ts";
import { attachmentsFeature } from "./features/attachments.ts";
import { fallback } from "./features/fallback.ts";
import { feedback } from "./features/feedback.ts";
import { intake } from "./features/intake.ts";
import { onboarding } from "./features/onboarding.ts";
import { reachability } from "./features/reachability.ts";
import { recordFeature } from "./features/record.ts";
import { specialistFeature } from "./features/specialist.ts";
import { start } from "./features/start.ts";
import { supervision } from "./features/supervision.ts";
import { routing } from "./routing.ts";

const stateByUpdate = new WeakMap<object, UpdateState>();
const bots = new Map<string, Bot<BotContext>>();

export function botInfoFor(settings: Settings): UserFromGetMe {
  return {
    id: Number(settings.TELEGRAM_BOT_TOKEN.split(":")[0]),
    is_bot: true,
    first_name: "Hainan Investor Desk",
    username: settings.TELEGRAM_BOT_USERNAME,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

export function botFor(settings: Settings): Bot<BotContext> {
  const key = `${settings.TELEGRAM_BOT_TOKEN}@${settings.TELEGRAM_API_ROOT}/${settings.TELEGRAM_TIMEOUT_SECONDS}`;
  let bot = bots.get(key);
  if (!bot) {
    bot = buildBot(settings);
    bots.set(key, bot);
  }
  return bot;
}

function buildBot(settings: Settings): Bot<BotContext> {
  const bot = new Bot<BotContext>(settings.TELEGRAM_BOT_TOKEN, {
    botInfo: botInfoFor(settings),
    client: { apiRoot: settings.TELEGRAM_API_ROOT, timeoutSeconds: settings.TELEGRAM_TIMEOUT_SECONDS },
  });
  bot.use(async (ctx, next) => {
    const state = stateByUpdate.get(ctx.update);
    if (!state) throw new Error("update handled without prepared state");
    ctx.state = state;
    // Until they choose, Telegram's interface language is the best guess; Chinese otherwise.
    ctx.locale = state.sender.user?.locale ?? (ctx.from?.language_code?.startsWith("zh") || !ctx.from?.language_code ? "zh" : "en");
    // API calls made while handling are staged in the unit of work, kept with the update's mark
    // and sent only after the batch commits: a failed commit then sends nothing, and a redelivery
    // sends what a lost answer kept from being sent. Like grammY's webhook replies, a staged call
    // resolves to `true`, not to Telegram's result.
    ctx.api.config.use(stagingTransformer(state.unit));
    await next();
  });
  // Someone marked unreachable who is back hears from the bot again (it stores nothing personal).
  bot.use(reachability);
  // Nothing personal is stored before the privacy notice is accepted: the gate sees every update first.
  bot.use(consentGate);
  // Typed messages and menu taps go where bots/routing.ts says; the features each take their own
  // commands and button families, so their order does not matter. Only the fallback comes last:
  // it answers whatever nothing else took.
  bot.use(routing);
  bot.use(start, onboarding, intake, specialistFeature, recordFeature, claims, caseViews, attachmentsFeature, feedback, account, supervision);
  bot.use(fallback);
  return bot;
}

function stagingTransformer(unit: UpdateState["unit"]): Transformer {
  return (_prev, method, payload) => {
    // A reply over Telegram's limit goes as its parts, in order.
    const parts = method === "sendMessage" ? splitPayload(payload as Parameters<typeof splitPayload>[0]) : [payload];
    for (const part of parts) unit.reply(method, part as Record<string, unknown>);
    return Promise.resolve({ ok: true, result: true as never });
  };
}

/** Runs the bot's middleware on `update`: its writes and replies are staged in `state.unit`. */
export async function runBot(settings: Settings, update: Parameters<Bot["handleUpdate"]>[0], state: UpdateState): Promise<void> {
  stateByUpdate.set(update, state);
  await botFor(settings).handleUpdate(update);
}
