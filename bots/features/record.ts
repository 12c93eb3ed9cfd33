// /record: a specialist or department member records a case received outside the bot (12345, a
// counter, 企业码, a phone call) with a short guided form; its submit is bots/record-submit.ts.
import { Composer } from "grammy";
import { mayRecord } from "../../domain/recording.ts";
import { t } from "../../lib/i18n.ts";
import type { BotContext } from "../context.ts";
import { openForm } from "../forms/driver.ts";
import { recordForm } from "../forms/record-form.ts";
import { replyHtml } from "../reply.ts";

export const recordFeature = new Composer<BotContext>();

recordFeature.chatType("private").command("record", async (ctx) => {
  const me = ctx.state.sender.specialist;
  if (!me) return replyHtml(ctx, t(ctx.locale, "not-a-specialist"));
  if (!mayRecord(me.role)) return replyHtml(ctx, t(ctx.locale, "record-not-staff"));
  await openForm(ctx, recordForm);
});
