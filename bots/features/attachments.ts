// Photos and documents: kept by Telegram file_id with name, size and type. During an intake they
// wait for the case the form will file; in "add to case" mode they join that case at once.
import { Composer } from "grammy";
import { and, eq, sql } from "drizzle-orm";
import { attachments } from "../../db/schema.ts";
import type { BotContext } from "../context.ts";
import { t } from "../../lib/i18n.ts";
import { replyHtml } from "../reply.ts";
import { loadSession } from "../session.ts";
import { visibleCase } from "../membership.ts";
import { notifyOwner } from "../notify-owner.ts";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 10;

export const attachmentsFeature = new Composer<BotContext>();

attachmentsFeature.chatType("private").on(["message:photo", "message:document"], async (ctx) => {
  const photo = ctx.message.photo?.at(-1);
  const document = ctx.message.document;
  const file = photo ?? document!;
  const name = document?.file_name ?? `photo-${ctx.message.message_id}.jpg`;
  const size = file.file_size ?? 0;
  if (size > MAX_ATTACHMENT_BYTES) {
    await replyHtml(ctx, t(ctx.locale, "attachment-too-large", { name, size: (size / 1024 / 1024).toFixed(1) }));
    return;
  }
  const { state } = loadSession(ctx);
  const target = state?.flow === "message" ? visibleCase(ctx) : undefined;
  if (state?.flow !== "form" && !target) {
    await replyHtml(ctx, t(ctx.locale, "attachment-where"));
    return;
  }
  const { unit } = ctx.state;
  const caseId = target?.id ?? null;
  const owned = caseId === null ? sql`case_id IS NULL AND telegram_id = ${ctx.from.id}` : sql`case_id = ${caseId}`;
  // The limit is checked by the insert itself, so two files sent at once cannot both slip past it.
  unit.write(
    unit.db.run(sql`
      INSERT INTO attachments (case_id, telegram_id, file_id, file_unique_id, file_name, mime_type, size, kind, created_at)
      SELECT ${caseId}, ${ctx.from.id}, ${file.file_id}, ${file.file_unique_id}, ${name},
             ${document?.mime_type ?? "image/jpeg"}, ${size}, ${photo ? "photo" : "document"}, ${unit.now}
      WHERE (SELECT count(*) FROM attachments WHERE ${owned}) < ${MAX_ATTACHMENTS_PER_CASE}`),
  );
  if (target) {
    // changes() is the row count of the insert just above: the ledger records only a file that was kept.
    const data = JSON.stringify({ name, size, fileUniqueId: file.file_unique_id });
    unit.write(
      unit.db.run(sql`
        INSERT INTO case_events (case_id, at, actor_type, actor_id, type, data)
        SELECT ${target.id}, ${unit.now}, 'investor', ${String(ctx.from.id)}, 'attachment', ${data} WHERE changes() > 0`),
    );
    notifyOwner(unit, target, "attachment", { name }, ctx.from.id);
  }
  const [kept] = await unit.commit(
    unit.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(eq(attachments.fileUniqueId, file.file_unique_id), eq(attachments.createdAt, unit.now))),
  );
  if (kept.length === 0) {
    await replyHtml(ctx, t(ctx.locale, "attachment-limit", { max: MAX_ATTACHMENTS_PER_CASE }));
    return;
  }
  await replyHtml(ctx, t(ctx.locale, "attachment-added", { name, target: target?.ref ?? t(ctx.locale, "attachment-pending") }));
});
