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
import { attachmentsFeature } from "./features/attachments.ts";
import { fallback } from "./features/fallback.ts";
import { feedback } from "./features/feedback.ts";
import { intake } from "./features/intake.ts";
import { onboarding } from "./features/onboarding.ts";
import { reachability } from "./features/reachability.ts";
import { specialistFeature } from "./features/specialist.ts";
import { start } from "./features/start.ts";
import { supervision } from "./features/supervision.ts";
import { routing } from "./routing.ts";

const stateByUpdate = new WeakMap<object, UpdateState & { deferred: DeferredCall[] }>();
const bots = new Map<string, Bot<BotContext>>();

export type DeferredCall = () => Promise<unknown>;

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
    // API calls made while handling are queued and sent only after the update's batch commits:
    // a failed commit then sends nothing, and a redelivery cannot reply twice. Like grammY's
    // webhook replies, a queued call resolves to `true`, not to Telegram's result.
    ctx.api.config.use(deferringTransformer(state.deferred));
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
  bot.use(start, onboarding, intake, specialistFeature, caseViews, attachmentsFeature, feedback, account, supervision);
  bot.use(fallback);
  return bot;
}

function deferringTransformer(queue: DeferredCall[]): Transformer {
  return (prev, method, payload, signal) => {
    // A reply over Telegram's limit goes as its parts, in order.
    const parts = method === "sendMessage" ? splitPayload(payload as Parameters<typeof splitPayload>[0]) : [payload];
    for (const part of parts) queue.push(() => prev(method, part as typeof payload, signal));
    return Promise.resolve({ ok: true, result: true as never });
  };
}

/** Runs the bot's middleware on `update`; returns the API calls it queued, to send after commit. */
export async function runBot(settings: Settings, update: Parameters<Bot["handleUpdate"]>[0], state: UpdateState): Promise<DeferredCall[]> {
  const deferred: DeferredCall[] = [];
  stateByUpdate.set(update, { ...state, deferred });
  await botFor(settings).handleUpdate(update);
  return deferred;
}
