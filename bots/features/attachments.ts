// Photos and documents: kept by Telegram file_id with name, size and type. During an intake they
// wait for the case the form will file; in "add to case" mode they join that case at once.
import { Composer } from "grammy";
import { sql } from "drizzle-orm";
import type { BotContext } from "../context.ts";
import { t } from "../../lib/i18n.ts";
import { replyHtml } from "../reply.ts";
import { counted } from "../rate-limit.ts";
import { loadSession } from "../session.ts";
import { visibleCase } from "../membership.ts";
import { investorActor, runCaseCommand } from "../case-actions.ts";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 10;

export const attachmentsFeature = new Composer<BotContext>();

/** True inside the batch once this update's file was kept. */
function keptFile(fileUniqueId: string, telegramId: number, now: number) {
  return sql`EXISTS (SELECT 1 FROM attachments WHERE file_unique_id = ${fileUniqueId} AND telegram_id = ${telegramId} AND created_at = ${now})`;
}

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
  if (target && !(await counted(ctx, "case_message"))) return;
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
  // The ledger records the file and the owner hears of it only if the insert kept it (the limit),
  // and the batch keeps the reply that fits.
  const kept = keptFile(file.file_unique_id, ctx.from.id, unit.now);
  if (target && !(await runCaseCommand(ctx, { action: "add_attachment", name }, investorActor(ctx), kept))) return;
  await unit.onlyIf(
    kept,
    () => replyHtml(ctx, t(ctx.locale, "attachment-added", { name, target: target?.ref ?? t(ctx.locale, "attachment-pending") })),
    () => replyHtml(ctx, t(ctx.locale, "attachment-limit", { max: MAX_ATTACHMENTS_PER_CASE })),
  );
});
