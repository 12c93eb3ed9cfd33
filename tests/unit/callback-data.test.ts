// Every button family's codec: the data it writes (buttons already sent must keep working), the
// value it reads back, and what it refuses: old, forged or malformed data is never guessed at.
import { describe, expect, it } from "vitest";
import {
  caseAction,
  eraseChoice,
  feedbackChoice,
  formAction,
  joinDecision,
  languageChoice,
  menuChoice,
  privacyChoice,
  specialistAction,
  type CallbackCodec,
} from "../../bots/callback-data.ts";

const CASE = "3f1c2a9e-7b3d-4c1e-9a2f-0d5e6b7c8a91";
const USCC = "91460000MA5T123456";

// [codec, value, its data on the wire]
const families: [string, CallbackCodec<never>, unknown, string][] = [
  ["language", languageChoice as never, "en", "lang:en"],
  ["privacy", privacyChoice as never, "accept", "privacy:accept"],
  ["erase", eraseChoice as never, "no", "erase:no"],
  ["menu", menuChoice as never, "cases", "menu:cases"],
  ["join", joinDecision as never, { approve: true, uscc: USCC, applicant: 42 }, `join:a:${USCC}:42`],
  ["join (reject)", joinDecision as never, { approve: false, uscc: USCC, applicant: 42 }, `join:r:${USCC}:42`],
  ["form choice", formAction as never, { action: "choose", field: "industry", index: 3 }, "form:c:industry:3"],
  ["form skip", formAction as never, { action: "skip", field: "phone" }, "form:s:phone"],
  ["form back", formAction as never, { action: "back" }, "form:b"],
  ["form cancel", formAction as never, { action: "cancel" }, "form:x"],
  ["form submit", formAction as never, { action: "submit", form: "sp-reply" }, "form:ok:sp-reply"],
  ["case withdraw", caseAction as never, { action: "withdraw", caseId: CASE }, `case:w:${CASE}`],
  ["case message", caseAction as never, { action: "message", caseId: CASE }, `case:m:${CASE}`],
  ["specialist", specialistAction as never, { action: "ack", caseId: CASE }, `sp:ack:${CASE}`],
  ["feedback", feedbackChoice as never, { rating: "basically_satisfied", caseId: CASE }, `fb:basically_satisfied:${CASE}`],
];

describe("callback data codecs", () => {
  for (const [family, codec, value, data] of families) {
    it(`${family}: writes ${data} and reads it back`, () => {
      expect(codec.encode(value as never)).toBe(data);
      expect(codec.decode(data)).toEqual(value);
      expect(codec.pattern.test(data)).toBe(true);
      expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
    });
  }

  // [codec, data of its family that is not a value of it]
  const refused: [CallbackCodec<unknown>, string][] = [
    [languageChoice, "lang:fr"],
    [languageChoice, "lang"],
    [privacyChoice, "privacy:maybe"],
    [menuChoice, "menu:admin"],
    [joinDecision, `join:x:${USCC}:42`],
    [joinDecision, `join:a:${USCC}:-1`],
    [joinDecision, "join:a:not-a-code:42"],
    [formAction, "form:c:industry:many"],
    [formAction, "form:s"],
    [formAction, "form:zz"],
    [caseAction, `case:v:${CASE}`],
    [caseAction, "case:w:'; DROP TABLE cases"],
    [specialistAction, `sp:nuke:${CASE}`],
    [specialistAction, "sp:ack"],
    [feedbackChoice, `fb:delighted:${CASE}`],
  ];
  for (const [codec, data] of refused) {
    it(`refuses ${data}`, () => {
      expect(codec.pattern.test(data)).toBe(true);
      expect(codec.decode(data)).toBeUndefined();
    });
  }

  it("keeps families apart: one family's data is not another's", () => {
    expect(caseAction.decode(`sp:ack:${CASE}`)).toBeUndefined();
    expect(specialistAction.pattern.test(`spx:ack:${CASE}`)).toBe(false);
    expect(menuChoice.decode("menus:cases")).toBeUndefined();
  });

  it("refuses to write data over Telegram's 64 bytes", () => {
    expect(() => formAction.encode({ action: "choose", field: "x".repeat(60), index: 1 })).toThrow(/64 bytes/);
  });
});
