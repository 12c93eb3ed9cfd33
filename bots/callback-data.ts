// Callback data, one typed codec per button family: "<prefix>:<part>:<part>", at most 64 bytes as
// Telegram allows. A button is built from a value and read back into one; data that is not a valid
// value of its family (an old button, a forged one) decodes to undefined, never to a guess.
// The wire format is kept: buttons already sent stay valid.
import { LOCALES, RATINGS, type Locale, type Rating } from "../domain/vocabulary.ts";

export interface CallbackCodec<T> {
  /** Matches every data of this family, valid or not, for grammY's callbackQuery(). */
  readonly pattern: RegExp;
  encode(value: T): string;
  decode(data: string): T | undefined;
}

function callbackCodec<T>(prefix: string, toParts: (value: T) => readonly (string | number)[], fromParts: (parts: string[]) => T | undefined): CallbackCodec<T> {
  return {
    pattern: new RegExp(`^${prefix}(?::|$)`),
    encode(value) {
      const data = [prefix, ...toParts(value)].join(":");
      if (new TextEncoder().encode(data).length > 64) throw new Error(`callback data over 64 bytes: ${prefix}`);
      return data;
    },
    decode(data) {
      if (data !== prefix && !data.startsWith(`${prefix}:`)) return undefined;
      return fromParts(data === prefix ? [] : data.slice(prefix.length + 1).split(":"));
    },
  };
}

const oneOf = <V extends string>(values: readonly V[], part: string | undefined): V | undefined => values.find((v) => v === part);
/** Case ids and form field keys: word characters and dashes, nothing else. */
const id = (part: string | undefined): string | undefined => (part && /^[\w-]{1,40}$/.test(part) ? part : undefined);

/** lang:<zh | en> */
export const languageChoice = callbackCodec<Locale>("lang", (locale) => [locale], ([locale]) => oneOf(LOCALES, locale));

/** privacy:<accept | decline> — the personal-information notice. */
export const privacyChoice = callbackCodec<"accept" | "decline">("privacy", (answer) => [answer], ([answer]) => oneOf(["accept", "decline"] as const, answer));

/** erase:<yes | no> — /deleteme's confirmation. */
export const eraseChoice = callbackCodec<"yes" | "no">("erase", (answer) => [answer], ([answer]) => oneOf(["yes", "no"] as const, answer));

export const MENU_ITEMS = ["appointment", "urgent", "policy", "cases", "help", "language"] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];
/** menu:<item> — the main menu; bots/routing.ts decides which feature takes each item. */
export const menuChoice = callbackCodec<MenuItem>("menu", (item) => [item], ([item]) => oneOf(MENU_ITEMS, item));

export interface JoinDecision {
  approve: boolean;
  uscc: string;
  applicant: number;
}
/** join:<a | r>:<firm USCC>:<applicant telegram id> */
export const joinDecision = callbackCodec<JoinDecision>(
  "join",
  ({ approve, uscc, applicant }) => [approve ? "a" : "r", uscc, applicant],
  ([verdict, uscc, applicant]) => {
    const telegramId = Number(applicant);
    if ((verdict !== "a" && verdict !== "r") || !uscc || !/^[0-9A-Z]{18}$/.test(uscc) || !Number.isSafeInteger(telegramId) || telegramId <= 0) return undefined;
    return { approve: verdict === "a", uscc, applicant: telegramId };
  },
);

export interface ClaimDecision {
  verify: boolean;
  uscc: string;
  claimant: number;
}
/** claim:<v verify | r reject>:<firm USCC>:<claimant telegram id> — a claim on a firm, decided by its specialist or the department. */
export const claimDecision = callbackCodec<ClaimDecision>(
  "claim",
  ({ verify, uscc, claimant }) => [verify ? "v" : "r", uscc, claimant],
  ([verdict, uscc, claimant]) => {
    const telegramId = Number(claimant);
    if ((verdict !== "v" && verdict !== "r") || !uscc || !/^[0-9A-Z]{18}$/.test(uscc) || !Number.isSafeInteger(telegramId) || telegramId <= 0) return undefined;
    return { verify: verdict === "v", uscc, claimant: telegramId };
  },
);

/** A form's buttons: choose an option, skip, back, cancel, or submit the reviewed form. */
export type FormButton =
  | { action: "choose"; field: string; index: number }
  | { action: "skip"; field: string }
  | { action: "back" }
  | { action: "cancel" }
  | { action: "submit"; form: string };
/** form:c:<field>:<option index> · form:s:<field> · form:b · form:x · form:ok:<form id> */
export const formAction = callbackCodec<FormButton>(
  "form",
  (button) => {
    switch (button.action) {
      case "choose":
        return ["c", button.field, button.index];
      case "skip":
        return ["s", button.field];
      case "back":
        return ["b"];
      case "cancel":
        return ["x"];
      case "submit":
        return ["ok", button.form];
    }
  },
  ([code, part, index]) => {
    const field = id(part);
    switch (code) {
      case "c":
        return field && index !== undefined && /^\d{1,3}$/.test(index) ? { action: "choose", field, index: Number(index) } : undefined;
      case "s":
        return field ? { action: "skip", field } : undefined;
      case "b":
        return { action: "back" };
      case "x":
        return { action: "cancel" };
      case "ok":
        return field ? { action: "submit", form: field } : undefined;
    }
    return undefined;
  },
);

/** What an investor does to one of their firm's cases from its /status card. */
export interface CaseButton {
  action: "withdraw" | "message";
  caseId: string;
}
/** case:<w withdraw | m add a message>:<case id> */
export const caseAction = callbackCodec<CaseButton>(
  "case",
  ({ action, caseId }) => [action === "withdraw" ? "w" : "m", caseId],
  ([code, caseId]) => {
    const action = code === "w" ? "withdraw" : code === "m" ? "message" : undefined;
    const found = id(caseId);
    return action && found ? { action, caseId: found } : undefined;
  },
);

/** The steps staff take from the buttons under a case notice (bots/specialist-actions.ts maps each to a case action). */
export const SPECIALIST_ACTIONS = ["ack", "reply", "info", "assess", "meet", "held", "hearing", "answer", "study", "cohandle", "transfer", "resolve", "approve"] as const;
export type SpecialistActionCode = (typeof SPECIALIST_ACTIONS)[number];
export interface SpecialistButton {
  action: SpecialistActionCode;
  caseId: string;
}
/** sp:<action>:<case id> */
export const specialistAction = callbackCodec<SpecialistButton>(
  "sp",
  ({ action, caseId }) => [action, caseId],
  ([code, caseId]) => {
    const action = oneOf(SPECIALIST_ACTIONS, code);
    const found = id(caseId);
    return action && found ? { action, caseId: found } : undefined;
  },
);

export interface FeedbackButton {
  rating: Rating;
  caseId: string;
}
/** fb:<satisfied | basically_satisfied | unsatisfied>:<case id> — the survey after a resolution. */
export const feedbackChoice = callbackCodec<FeedbackButton>(
  "fb",
  ({ rating, caseId }) => [rating, caseId],
  ([code, caseId]) => {
    const rating = oneOf(RATINGS, code);
    const found = id(caseId);
    return rating && found ? { rating, caseId: found } : undefined;
  },
);

export interface NoticeButton {
  action: "sign" | "reply";
  noticeId: string;
}
/** sv:<sign | reply>:<notice id> — a supervision notice: the department signs it off, the unit records its reply. */
export const noticeAction = callbackCodec<NoticeButton>(
  "sv",
  ({ action, noticeId }) => [action, noticeId],
  ([code, noticeId]) => {
    const action = oneOf(["sign", "reply"] as const, code);
    const found = id(noticeId);
    return action && found ? { action, noticeId: found } : undefined;
  },
);
