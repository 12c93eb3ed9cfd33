// 三书一函 as a workflow (DOMAIN.md "Reminders and supervision"): one ladder per case, driven by its
// most overdue obligation; each step drafted when it falls due, issued only after sign-off.
import { describe, expect, it } from "vitest";
import { beijingIso, instantOfBeijing } from "../../domain/calendar.ts";
import { DEFAULT_SLA_POLICIES, obligationsFor, type ObligationRecord } from "../../domain/obligations.ts";
import {
  DEFAULT_LADDER,
  decideNotice,
  documentNumber,
  maySign,
  noticeTypeOf,
  overdueBy,
  planSupervision,
  rectificationDeadline,
  signingYear,
  stepTime,
  type NoticeRecord,
  type NoticeSnapshot,
} from "../../domain/supervision.ts";
import type { CaseKind, Obligation } from "../../domain/vocabulary.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);
const HOUR = 3_600_000;

function obligations(kind: CaseKind, receivedAt: number, met: readonly Obligation[] = [], metAt = receivedAt): ObligationRecord[] {
  return obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], receivedAt).records.map((o) => (met.includes(o.obligation) ? { ...o, state: "met" as const, metAt, metBy: "sp-owner" } : o));
}

const notice = (level: number, status: NoticeRecord["status"], draftedAt: number, obligation: Obligation = "first_response"): NoticeRecord => ({ id: `n${level}`, level, status, obligation, draftedAt });
const draftsIn = (plan: ReturnType<typeof planSupervision>) => plan.steps.filter((s) => s.type === "draft").map((s) => [s.level, s.notice, s.obligation.obligation, beijingIso(s.at)]);

/** An urgent appeal received Mon 2 Mar 2026 10:00: response and assessment due Tue 3 Mar, hearing due Thu 5 Mar. */
const received = bj("2026-03-02", "10:00:00");
const urgent = obligations("urgent", received);

describe("the ladder's steps on working days: +1, +2, +4, +6 working days after the missed due, at 09:00", () => {
  it.each([
    [1, "reminder_letter", "2026-03-04T09:00:00+08:00"],
    [2, "rectification_notice", "2026-03-05T09:00:00+08:00"],
    [3, "key_supervision_notice", "2026-03-09T09:00:00+08:00"], // the weekend does not count
    [4, "accountability_interview", "2026-03-11T09:00:00+08:00"],
  ])("level %d (%s) falls due at %s", (level, type, at) => {
    expect(noticeTypeOf(level)).toBe(type);
    expect(beijingIso(stepTime(cal, DEFAULT_LADDER, urgent[0]!, level))).toBe(at);
  });

  it("skips Spring Festival: a due on make-up Sat 14 Feb steps on 24, 25, 27 Feb and 2 Mar", () => {
    const missed = { clock: "working_days" as const, dueAt: bj("2026-02-14", "23:59:59") };
    expect([1, 2, 3, 4].map((level) => beijingIso(stepTime(cal, DEFAULT_LADDER, missed, level)).slice(0, 10))).toEqual(["2026-02-24", "2026-02-25", "2026-02-27", "2026-03-02"]);
  });

  it("admins' delays are used", () => {
    const ladder = { ...DEFAULT_LADDER, workingDays: [2, 3, 5, 8] as const };
    expect(beijingIso(stepTime(cal, ladder, urgent[0]!, 1))).toBe("2026-03-05T09:00:00+08:00");
  });
});

describe("planSupervision", () => {
  it("nothing before the due; the next look at the earliest due", () => {
    const plan = planSupervision(cal, DEFAULT_LADDER, urgent, [], true, bj("2026-03-03", "12:00:00"));
    expect(plan).toEqual({ steps: [], nextAt: bj("2026-03-03", "23:59:59") });
  });

  it("nothing after the due before +1 working day at 09:00, then the reminder letter's draft", () => {
    expect(planSupervision(cal, DEFAULT_LADDER, urgent, [], true, bj("2026-03-04", "08:59:59"))).toEqual({ steps: [], nextAt: bj("2026-03-04") });
    const plan = planSupervision(cal, DEFAULT_LADDER, urgent, [], true, bj("2026-03-04"));
    expect(draftsIn(plan)).toEqual([[1, "reminder_letter", "first_response", "2026-03-04T09:00:00+08:00"]]);
  });

  it("one ladder per case, driven by the most overdue obligation", () => {
    // On Mon 9 Mar the response, the assessment (due 3 Mar) and the hearing (due 5 Mar) are all overdue: one draft.
    const plan = planSupervision(cal, DEFAULT_LADDER, urgent, [], true, bj("2026-03-09", "10:00:00"));
    expect(draftsIn(plan)).toEqual([[1, "reminder_letter", "first_response", "2026-03-04T09:00:00+08:00"]]);
    // Once the response and the assessment are given, the hearing drives it, on its own dates.
    const onlyHearing = obligations("urgent", received, ["first_response", "assessment"], bj("2026-03-04"));
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, onlyHearing, [], true, bj("2026-03-09", "10:00:00")))).toEqual([[1, "reminder_letter", "hearing_held", "2026-03-06T09:00:00+08:00"]]);
  });

  it("level n+1 is drafted only after level n is signed", () => {
    const waiting = [notice(1, "draft", bj("2026-03-04"))];
    const plan = planSupervision(cal, DEFAULT_LADDER, urgent, waiting, true, bj("2026-03-06", "10:00:00"));
    expect(draftsIn(plan)).toEqual([]);
    const signed = [notice(1, "signed", bj("2026-03-04"))];
    expect(planSupervision(cal, DEFAULT_LADDER, urgent, signed, true, bj("2026-03-04", "10:00:00"))).toEqual({ steps: [], nextAt: bj("2026-03-05") });
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, urgent, signed, true, bj("2026-03-05")))).toEqual([[2, "rectification_notice", "first_response", "2026-03-05T09:00:00+08:00"]]);
    // Signed late: the next level, already due, is drafted at once.
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, urgent, signed, true, bj("2026-03-10", "15:00:00")))).toEqual([[2, "rectification_notice", "first_response", "2026-03-05T09:00:00+08:00"]]);
  });

  it("climbs to the accountability interview and no further", () => {
    const three = [1, 2, 3].map((level) => notice(level, "signed", bj("2026-03-04")));
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, urgent, three, true, bj("2026-03-11")))).toEqual([[4, "accountability_interview", "first_response", "2026-03-11T09:00:00+08:00"]]);
    const four = [1, 2, 3, 4].map((level) => notice(level, "signed", bj("2026-03-04")));
    expect(planSupervision(cal, DEFAULT_LADDER, urgent, four, true, bj("2026-04-30"))).toEqual({ steps: [], nextAt: null });
  });

  it("hours for an obligation on hours: received Fri 13 Feb 2026 20:00, the second notice does not wait for 24 Feb", () => {
    const evening = bj("2026-02-13", "20:00:00");
    const especially = obligations("especially_urgent", evening);
    expect(especially[0]).toMatchObject({ obligation: "first_response", clock: "hours", dueAt: bj("2026-02-13", "22:00:00") });
    expect(planSupervision(cal, DEFAULT_LADDER, especially, [], true, bj("2026-02-13", "22:30:00"))).toEqual({ steps: [], nextAt: bj("2026-02-13", "23:00:00") });
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, especially, [], true, bj("2026-02-13", "23:00:00")))).toEqual([[1, "reminder_letter", "first_response", "2026-02-13T23:00:00+08:00"]]);
    const first = [notice(1, "signed", bj("2026-02-13", "23:00:00"))];
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, especially, first, true, bj("2026-02-14", "00:00:00")))).toEqual([[2, "rectification_notice", "first_response", "2026-02-14T00:00:00+08:00"]]);
    const three = [1, 2, 3].map((level) => notice(level, "signed", bj("2026-02-13", "23:00:00")));
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, especially, three, true, bj("2026-02-14", "04:00:00")))).toEqual([[4, "accountability_interview", "first_response", "2026-02-14T04:00:00+08:00"]]);
  });

  it("the hearing of an especially urgent appeal runs on working days", () => {
    const evening = bj("2026-02-13", "20:00:00");
    const heard = obligations("especially_urgent", evening, ["first_response", "assessment"], evening + HOUR);
    // Hearing due after 3 working days: make-up Sat 14 Feb, Tue 24, Wed 25 Feb.
    const hearing = heard.find((o) => o.obligation === "hearing_held")!;
    expect(beijingIso(hearing.dueAt)).toBe("2026-02-25T23:59:59+08:00");
    expect(draftsIn(planSupervision(cal, DEFAULT_LADDER, heard, [], true, bj("2026-02-26")))).toEqual([[1, "reminder_letter", "hearing_held", "2026-02-26T09:00:00+08:00"]]);
  });

  it("voids a draft once its obligation is met, and drafts nothing more", () => {
    const met = obligations("appointment", received, ["first_response"], bj("2026-03-04", "10:00:00"));
    const plan = planSupervision(cal, DEFAULT_LADDER, met, [notice(1, "draft", bj("2026-03-04"))], true, bj("2026-03-04", "11:00:00"));
    expect(plan.steps).toEqual([{ type: "void", noticeId: "n1" }]);
    // The next look is the meeting's due, Wed 11 Mar.
    expect(plan.nextAt).toBe(bj("2026-03-11", "23:59:59"));
  });

  it("voids the draft of a met obligation and drafts the level for the one still overdue", () => {
    // The response was given but the assessment was not: the reminder letter must name the assessment.
    const half = obligations("urgent", received, ["first_response"], bj("2026-03-04", "10:00:00"));
    const plan = planSupervision(cal, DEFAULT_LADDER, half, [notice(1, "draft", bj("2026-03-04"))], true, bj("2026-03-04", "11:00:00"));
    expect(plan.steps.map((s) => (s.type === "draft" ? `draft ${s.level} ${s.obligation.obligation}` : `${s.type} ${s.noticeId}`))).toEqual(["void n1", "draft 1 assessment"]);
  });

  it("voids a waiting draft when the due moves out of the past (the firm asked for a later meeting)", () => {
    const moved = obligations("appointment", received).map((o) => (o.obligation === "meeting_held" ? { ...o, dueAt: bj("2026-03-20", "23:59:59"), moved: true } : { ...o, state: "met" as const, metAt: received, metBy: "sp-owner" }));
    const plan = planSupervision(cal, DEFAULT_LADDER, moved, [notice(1, "draft", bj("2026-03-12"), "meeting_held")], true, bj("2026-03-12", "10:00:00"));
    expect(plan).toEqual({ steps: [{ type: "void", noticeId: "n1" }], nextAt: bj("2026-03-20", "23:59:59") });
  });

  it("voids every draft of a case that is no longer open", () => {
    const plan = planSupervision(cal, DEFAULT_LADDER, urgent, [notice(2, "draft", bj("2026-03-05")), notice(1, "signed", bj("2026-03-04"))], false, bj("2026-03-06"));
    expect(plan).toEqual({ steps: [{ type: "void", noticeId: "n2" }], nextAt: null });
  });

  it("reminds the department of an unsigned draft after one working day", () => {
    const friday = [notice(1, "draft", bj("2026-03-06"))];
    expect(planSupervision(cal, DEFAULT_LADDER, urgent, friday, true, bj("2026-03-06", "17:00:00"))).toEqual({ steps: [], nextAt: bj("2026-03-09") });
    expect(planSupervision(cal, DEFAULT_LADDER, urgent, friday, true, bj("2026-03-09"))).toEqual({ steps: [{ type: "sign_reminder", noticeId: "n1", at: bj("2026-03-09"), clock: "working_days" }], nextAt: null });
  });

  it("reminds on hours, at night and on a holiday, of an unsigned draft for an obligation on hours", () => {
    // Especially urgent, received on the eve of Spring Festival: the reminder letter drafted at 23:00 Fri 13 Feb.
    const night = [notice(1, "draft", bj("2026-02-13", "23:00:00"))];
    const especially = obligations("especially_urgent", bj("2026-02-13", "20:00:00"));
    expect(planSupervision(cal, DEFAULT_LADDER, especially, night, true, bj("2026-02-13", "23:30:00")).nextAt).toBe(bj("2026-02-14", "00:00:00"));
    expect(planSupervision(cal, DEFAULT_LADDER, especially, night, true, bj("2026-02-14", "00:00:00")).steps).toEqual([{ type: "sign_reminder", noticeId: "n1", at: bj("2026-02-14", "00:00:00"), clock: "hours" }]);
    // On a holiday night (Tue 17 Feb, the Spring Festival) too.
    const holiday = [notice(1, "draft", bj("2026-02-17", "02:00:00"))];
    const received = obligations("especially_urgent", bj("2026-02-17", "00:00:00"));
    expect(planSupervision(cal, DEFAULT_LADDER, received, holiday, true, bj("2026-02-17", "03:00:00")).steps).toEqual([{ type: "sign_reminder", noticeId: "n1", at: bj("2026-02-17", "03:00:00"), clock: "hours" }]);
    // A draft made now for an hour-clock obligation asks for a look an hour later, not the next morning.
    const fresh = planSupervision(cal, DEFAULT_LADDER, especially, [], true, bj("2026-02-13", "23:00:00"));
    expect(draftsIn(fresh)).toEqual([[1, "reminder_letter", "first_response", "2026-02-13T23:00:00+08:00"]]);
    expect(fresh.nextAt).toBe(bj("2026-02-14", "00:00:00"));
    // Its hearing runs on working days: an unsigned draft for it waits for the next working day's morning.
    const heard = obligations("especially_urgent", bj("2026-02-13", "20:00:00"), ["first_response", "assessment"], bj("2026-02-13", "21:00:00"));
    const hearingDraft = [notice(1, "draft", bj("2026-02-26"), "hearing_held")];
    expect(planSupervision(cal, DEFAULT_LADDER, heard, hearingDraft, true, bj("2026-02-26", "12:00:00")).nextAt).toBe(bj("2026-02-27"));
  });
});

describe("the notice's facts", () => {
  it.each([
    ["working days", { clock: "working_days", dueAt: bj("2026-02-12", "23:59:59") }, bj("2026-02-24", "10:00:00"), { amount: 3, unit: "working_days" }], // 13, 14 (make-up), 24 Feb
    ["working days, the morning after", { clock: "working_days", dueAt: bj("2026-03-03", "23:59:59") }, bj("2026-03-04"), { amount: 1, unit: "working_days" }],
    ["hours, rounded up", { clock: "hours", dueAt: bj("2026-02-13", "22:00:00") }, bj("2026-02-13", "23:30:00"), { amount: 2, unit: "hours" }],
    ["hours, over a holiday night", { clock: "hours", dueAt: bj("2026-02-17", "22:00:00") }, bj("2026-02-18", "06:00:00"), { amount: 8, unit: "hours" }],
  ] as const)("overdue by (%s)", (_, missed, at, expected) => {
    expect(overdueBy(cal, missed, at)).toEqual(expected);
  });

  it.each([
    [DEFAULT_LADDER, 2026, 12, "琼营商督〔2026〕12号"],
    [DEFAULT_LADDER, 2027, 1, "琼营商督〔2027〕1号"],
    [{ ...DEFAULT_LADDER, numberPrefix: "海口营商督" }, 2026, 3, "海口营商督〔2026〕3号"],
  ])("文号 %#: %s", (ladder, year, sequence, expected) => {
    expect(documentNumber(ladder, year, sequence)).toBe(expected);
  });

  it("the rectification deadline is 3 working days after sign-off, at the close of the day", () => {
    // Signed Fri 13 Feb: 14 Feb (make-up), 24, 25 Feb.
    expect(beijingIso(rectificationDeadline(cal, DEFAULT_LADDER, bj("2026-02-13", "10:00:00")))).toBe("2026-02-25T23:59:59+08:00");
  });

  it("numbers by the Beijing year of sign-off", () => {
    expect(signingYear(bj("2026-12-31", "23:30:00"))).toBe(2026);
    expect(signingYear(Date.parse("2026-12-31T16:30:00Z"))).toBe(2027); // 00:30 on 1 Jan 2027 in Beijing
  });
});

describe("decideNotice: sign-off by the department, the unit's reply once", () => {
  const draft: NoticeSnapshot = { id: "n1", level: 2, status: "draft", obligation: "hearing_held", draftedAt: bj("2026-03-06"), caseId: "case-1", unitId: "unit-a", repliedAt: null, missedDueAt: bj("2026-03-05", "23:59:59") };
  const signed: NoticeSnapshot = { ...draft, status: "signed" };
  const officer = { role: "bizenv" as const, unitId: "unit-bizenv", id: "sp-dept" };
  const unitHead = { role: "unit_head" as const, unitId: "unit-a", id: "sp-head" };
  const now = bj("2026-03-06", "10:00:00");

  it("a department officer signs a draft: the deadline and the year of its number", () => {
    expect(decideNotice(draft, { action: "sign" }, officer, true, cal, DEFAULT_LADDER, now)).toEqual({ ok: true, action: "sign", deadlineAt: bj("2026-03-11", "23:59:59"), year: 2026 });
  });

  it.each([
    ["a specialist", draft, { role: "specialist", unitId: "unit-a", id: "sp-owner" }, true, "not_allowed"],
    ["the addressed unit's head", draft, unitHead, true, "not_allowed"],
    ["an admin", draft, { role: "admin", unitId: "unit-ops", id: "sp-admin" }, true, "not_allowed"],
    ["a signed notice", signed, officer, true, "not_a_draft"],
    ["a void notice", { ...draft, status: "void" }, officer, true, "not_a_draft"],
    ["a draft whose obligation was met", draft, officer, false, "obligation_met"],
  ] as const)("sign-off refused: %s", (_, n, actor, open, reason) => {
    expect(decideNotice(n, { action: "sign" }, actor, open, cal, DEFAULT_LADDER, now)).toEqual({ ok: false, reason });
  });

  it("only the department signs", () => {
    expect((["specialist", "unit_head", "bizenv", "admin"] as const).filter(maySign)).toEqual(["bizenv"]);
  });

  it("the addressed unit records its reply", () => {
    expect(decideNotice(signed, { action: "reply", text: "已完成整改" }, unitHead, true, cal, DEFAULT_LADDER, now)).toEqual({ ok: true, action: "reply", text: "已完成整改" });
    expect(decideNotice(signed, { action: "reply", text: "已完成整改" }, { role: "specialist", unitId: "unit-a", id: "sp-owner" }, false, cal, DEFAULT_LADDER, now)).toMatchObject({ ok: true });
  });

  it.each([
    ["another unit", signed, { role: "unit_head", unitId: "unit-b", id: "sp-b" }, "not_allowed"],
    ["the department", signed, officer, "not_allowed"],
    ["an admin of the unit", signed, { role: "admin", unitId: "unit-a", id: "sp-admin" }, "not_allowed"],
    ["a notice with no unit", { ...signed, unitId: null }, unitHead, "not_allowed"],
    ["a draft", draft, unitHead, "not_signed"],
    ["a notice already answered", { ...signed, repliedAt: bj("2026-03-07") }, unitHead, "already_replied"],
  ] as const)("reply refused: %s", (_, n, actor, reason) => {
    expect(decideNotice(n, { action: "reply", text: "x" }, actor, true, cal, DEFAULT_LADDER, now)).toEqual({ ok: false, reason });
  });
});
