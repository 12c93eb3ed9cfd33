// A person the outbox marked unreachable (a 403: they had blocked the bot) is reachable again as
// soon as they are back: Telegram says so with my_chat_member (the bot is a member again), and a
// message or a tap of theirs proves it (unblocking sends /start). Staged in the update's own batch.
import { Composer } from "grammy";
import { markReachable } from "../../db/queries/users.ts";
import type { BotContext } from "../context.ts";

export const reachability = new Composer<BotContext>();

reachability.use(async (ctx, next) => {
  const unreachable = ctx.state.sender.user?.unreachableAt != null;
  const back = ctx.myChatMember ? ctx.myChatMember.new_chat_member.status === "member" : ctx.from !== undefined;
  if (unreachable && back && ctx.chat?.type === "private") {
    const { unit } = ctx.state;
    unit.write(markReachable(unit.db, ctx.from!.id, unit.now));
  }
  await next();
});
