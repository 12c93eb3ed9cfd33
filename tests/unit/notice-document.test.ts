// The supervision notice as a document: every fact it must carry, in formal wording, with the
// 文号 left for the sign-off batch to fill.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentDate, issuedPayloads, noticeDocument, noticeDocumentHtml } from "../../bots/notice-document.ts";
import { NUMBER_PLACEHOLDER } from "../../db/supervision-writes.ts";
import { instantOfBeijing } from "../../domain/calendar.ts";

const signedAt = instantOfBeijing("2026-03-10", "10:30:00");
const facts = { ref: "HN-2026-000123", kind: "appointment" as const, firm: "海南测试贸易有限公司", receivedAt: instantOfBeijing("2026-02-25", "09:00:00") };
const unit = { name: "海口市营商环境局", principal: "王局长" };

describe("a supervision notice's document", () => {
  it("reads as the office's document: title, number, addressee and principal, facts, demand with deadline, issuer and date", () => {
    const text = noticeDocument(
      { notice: "rectification_notice", obligation: "meeting_held", missedDueAt: instantOfBeijing("2026-03-06", "23:59:59"), clock: "working_days", overdue: 2, deadlineAt: instantOfBeijing("2026-03-13", "23:59:59") },
      facts,
      unit,
      "海南省营商环境建设厅",
      signedAt,
    );
    expect(text.split("\n")).toEqual([
      "责令整改通知书",
      NUMBER_PLACEHOLDER,
      "",
      "海口市营商环境局（王局长）：",
      "　　海南测试贸易有限公司于2026年2月25日提出的政企约见申请（编号 HN-2026-000123）由你单位负责办理。按照规定，该诉求的“约见举行”应于2026年3月6日前完成，截至本通知签发之日仍未完成，已超期2个工作日。",
      "　　现责令你单位限期整改：请于2026年3月13日前办结上述事项，查明超期原因，并将整改情况书面报送海南省营商环境建设厅。",
      "",
      "海南省营商环境建设厅",
      "2026年3月10日",
    ]);
  });

  it("gives the time and hours for an obligation on the hour clock, and names an unnamed principal by office", () => {
    const text = noticeDocument(
      { notice: "reminder_letter", obligation: "first_response", missedDueAt: instantOfBeijing("2026-02-13", "22:00:00"), clock: "hours", overdue: 3, deadlineAt: signedAt },
      { ...facts, kind: "especially_urgent" },
      { name: "三亚市营商环境局", principal: null },
      "海南省营商环境建设厅",
      signedAt,
    );
    expect(text).toContain("三亚市营商环境局（主要负责同志）：");
    expect(text).toContain("“首次响应”应于2026年2月13日 22:00前完成");
    expect(text).toContain("已超期3小时");
    expect(text).toContain("紧急诉求（情况特别紧急）");
  });

  it("has an English rendering with the same keys, and Beijing dates at the edge of a UTC day", () => {
    const en = noticeDocument(
      { notice: "accountability_interview", obligation: "answer", missedDueAt: instantOfBeijing("2026-03-02", "23:59:59"), clock: "working_days", overdue: 6, deadlineAt: instantOfBeijing("2026-03-13", "23:59:59") },
      facts,
      unit,
      "Hainan Business Environment Department",
      signedAt,
      "en",
    );
    expect(en).toContain("Accountability Interview Notice");
    expect(en).toContain("To 海口市营商环境局 (王局长):");
    expect(en).toContain("was due by 2 March 2026");
    expect(documentDate("zh", instantOfBeijing("2026-01-01", "00:30:00"))).toBe("2026年1月1日");
    const keys = (locale: string) => [...readFileSync(`lib/locales/${locale}/notice-document.ftl`, "utf8").matchAll(/^([a-z][\w-]*) =/gm)].map((m) => m[1]).sort();
    expect(keys("en")).toEqual(keys("zh"));
  });

  it("renders the same document for Telegram: the title in bold, every fact escaped, and the unit's reply button", () => {
    const notice = { notice: "reminder_letter" as const, obligation: "answer" as const, missedDueAt: instantOfBeijing("2026-03-06", "23:59:59"), clock: "working_days" as const, overdue: 1, deadlineAt: instantOfBeijing("2026-03-13", "23:59:59") };
    const firm = { ...facts, firm: "A&B <Hainan> 贸易" };
    const plain = noticeDocument(notice, firm, unit, "海南省营商环境建设厅", signedAt);
    const html = noticeDocumentHtml(notice, firm, unit, "海南省营商环境建设厅", signedAt);
    expect(html.split("\n")[0]).toBe("<b>提醒敦促函</b>");
    expect(html).toContain("A&amp;B &lt;Hainan&gt; 贸易于2026年2月25日");
    // Unescaped, the HTML is the plain document line by line.
    const unescape = (line: string) => line.replace(/<\/?b>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    expect(html.split("\n").map(unescape)).toEqual(plain.split("\n"));
    const payload = issuedPayloads(html, "n-1").zh;
    expect(payload).toMatchObject({ text: html, parse_mode: "HTML", reply_markup: { inline_keyboard: [[{ text: "📝 录入整改情况" }]] } });
  });

  it("a draft says its number comes at sign-off and its deadline counts from then", () => {
    const draft = noticeDocument(
      { notice: "rectification_notice", obligation: "meeting_held", missedDueAt: instantOfBeijing("2026-03-06", "23:59:59"), clock: "working_days", overdue: 2, draft: { rectificationWorkingDays: 3 } },
      facts,
      unit,
      "海南省营商环境建设厅",
      signedAt,
    );
    expect(draft.split("\n")[1]).toBe("文号：签发时编号");
    expect(draft).not.toContain(NUMBER_PLACEHOLDER);
    expect(draft).toContain("请于签发之日起3个工作日内办结上述事项");
  });
});
