// Callback data codecs: "<prefix>:<part>:<part>", at most 64 bytes as Telegram allows.
export interface CallbackCodec {
  readonly prefix: string;
  /** Matches this codec's data; grammY puts the captured parts in ctx.match. */
  readonly pattern: RegExp;
  pack(...parts: (string | number)[]): string;
  unpack(data: string): string[];
}

export function callbackCodec(prefix: string): CallbackCodec {
  return {
    prefix,
    pattern: new RegExp(`^${prefix}(?::(.*))?$`),
    pack(...parts) {
      const data = [prefix, ...parts].join(":");
      if (new TextEncoder().encode(data).length > 64) throw new Error(`callback data over 64 bytes: ${prefix}`);
      return data;
    },
    unpack(data) {
      return data === prefix ? [] : data.slice(prefix.length + 1).split(":");
    },
  };
}

export const languageChoice = callbackCodec("lang");
/** form:<action>[:<field>[:<option index>]] — c choose, s skip, b back, x cancel; form:ok:<form id> submits. */
export const formAction = callbackCodec("form");
export const privacyChoice = callbackCodec("privacy");
export const menuChoice = callbackCodec("menu");
/** join:<a|r>:<firm USCC>:<applicant telegram id> */
export const joinDecision = callbackCodec("join");
export const eraseChoice = callbackCodec("erase");
/** case:<w withdraw | m add message | v view>:<case id> */
export const caseAction = callbackCodec("case");
/** sp:<action>:<case id> — the owner's buttons under a case notice. */
export const specialistAction = callbackCodec("sp");
/** fb:<satisfied | basically_satisfied | unsatisfied>:<case id> */
export const feedbackChoice = callbackCodec("fb");
/** sv:<sign | reply>:<notice id> — a supervision notice: the department signs it off, the unit records its reply. */
export const noticeAction = callbackCodec("sv");
