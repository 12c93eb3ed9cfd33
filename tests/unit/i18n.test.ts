import { describe, expect, it } from "vitest";
import { bilingual, escapeHtml, messageIds, t } from "../../lib/i18n.ts";
import { catalogs } from "../../lib/locales/all-catalogs.ts";
import { webCatalogs } from "../../lib/locales/web-catalogs.ts";
import * as web from "../../workers/web/i18n.ts";
import { commandMenu, INVESTOR_COMMANDS } from "../../bots/commands.ts";
import { FORMS } from "../../bots/forms/definitions.ts";
import { EVENT_TYPES } from "../../domain/vocabulary.ts";
import { CASE_KINDS, CASE_STATUSES } from "../../domain/vocabulary.ts";

/** Every variable any message uses, with a sample value, so each message can be rendered. */
const sampleArgs = Object.fromEntries(
  [...[...catalogs.zh, ...catalogs.en, ...webCatalogs.zh, ...webCatalogs.en].join("\n").matchAll(/\{\s*\$(\w+)/g)].map(([, name]) => [name!, "x"]),
);

describe("Fluent catalogs", () => {
  it("label every ledger event, case kind, status and form field in both languages", () => {
    const keys = [
      ...EVENT_TYPES.map((e) => `event-${e}`),
      ...CASE_KINDS.map((k) => `kind-${k}`),
      ...CASE_KINDS.map((k) => `deadline-rule-${k}`),
      ...CASE_STATUSES.map((s) => `status-${s}`),
      ...Object.values(FORMS).flatMap((form) =>
        form.fields.flatMap((f) => [
          `field-${f.key}`,
          `ask-${form.id}-${f.key}`,
          ...(f.choices ?? []).map((c) => `option-${f.choiceSet}-${c}`),
        ]),
      ),
    ];
    for (const locale of ["zh", "en"] as const) {
      const ids = new Set(messageIds(locale));
      expect(keys.filter((k) => !ids.has(k)), locale).toEqual([]);
    }
  });

  // The bot's Worker and the web's Worker each carry their own set of catalogs.
  const translators = [
    ["bot", { t, messageIds }],
    ["web", web],
  ] as const;

  it.each(translators)("hold the same messages in Chinese and English (%s)", (_, { messageIds }) => {
    const zh = new Set(messageIds("zh"));
    const en = new Set(messageIds("en"));
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    expect(zh.size).toBeGreaterThan(3);
  });

  it.each(translators)("render every message in both languages without errors (%s)", (_, { t, messageIds }) => {
    for (const key of messageIds("zh")) {
      expect(t("zh", key, sampleArgs).length).toBeGreaterThan(0);
      expect(t("en", key, sampleArgs).length).toBeGreaterThan(0);
    }
  });

  it("give every command of the menu a description in both languages", () => {
    for (const locale of ["zh", "en"] as const) {
      expect(commandMenu(locale).map((c) => c.command)).toEqual([...INVESTOR_COMMANDS]);
      expect(commandMenu(locale).every((c) => c.description.length > 0)).toBe(true);
    }
  });

  it("throws on a missing key instead of sending an empty message", () => {
    expect(() => t("en", "no-such-key")).toThrow(/missing message no-such-key/);
  });

  it("escapes HTML in arguments", () => {
    expect(escapeHtml(`<b>A & "B"</b>`)).toBe("&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;");
  });

  it("puts the reader's language first", () => {
    const zhFirst = bilingual("zh", "language-set");
    const enFirst = bilingual("en", "language-set");
    expect(zhFirst.startsWith(t("zh", "language-set"))).toBe(true);
    expect(enFirst.startsWith(t("en", "language-set"))).toBe(true);
    expect(enFirst).toContain(t("zh", "language-set"));
  });

  it("uses the official wording (issue 12): 申请政企约见, Mostly satisfied (基本满意), the Free Trade Port's portal", () => {
    expect(commandMenu("zh").find((c) => c.command === "appointment")?.description).toBe("申请政企约见");
    expect(t("zh", "help")).not.toContain("预约");
    expect([t("zh", "survey-basically_satisfied"), t("en", "survey-basically_satisfied")]).toEqual(["🙂 基本满意", "🙂 Mostly satisfied"]);
    expect(web.t("en", "fig-definitions")).toContain("satisfied or mostly satisfied");
    expect([t("zh", "page-portal"), t("en", "page-portal")]).toEqual(["海南自由贸易港国际服务门户", "Hainan Free Trade Port International Service Portal"]);
  });
});
