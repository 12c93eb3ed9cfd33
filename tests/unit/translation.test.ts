// The pure parts of machine translation: which texts cross the language line, the Workers AI call's
// shape, and a slot filled within Telegram's 4,096 characters (a translation can double a message).
import { describe, expect, it } from "vitest";
import { packBlocks, parseTelegramHtml, TEXT_LIMIT } from "../../lib/telegram-text.ts";
import { crossing, languageOf, M2M100, TRANSLATION_SLOT, within, workersAiTranslator } from "../../lib/translation.ts";
import type { OutboxRow } from "../../workers/outbox/claim.ts";
import { fillSlot, translateClaimed } from "../../workers/outbox/translate.ts";

const shown = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed.text;
};

describe("the language line", () => {
  it("tells Chinese from English by script, and needs nothing for numbers alone", () => {
    expect(languageOf("请提供设备清单。")).toBe("zh");
    expect(languageOf("Please send the list of equipment.")).toBe("en");
    // Mixed: a Chinese sentence naming an English firm is Chinese; an English one quoting 海口 is English.
    expect(languageOf("Hainan Test Trading Ltd 的设备清单已收到，请等待海关答复")).toBe("zh");
    expect(languageOf("The equipment arrived at the 海口 port yesterday afternoon.")).toBe("en");
    expect(languageOf("2026-12-01 13800138000")).toBeNull();
    expect(crossing("请提供清单", "zh", "")).toBeNull();
    expect(crossing("请提供清单", "en", "(full text: /status X)")).toEqual({ text: "请提供清单", from: "zh", to: "en", pointer: "(full text: /status X)" });
  });

  it("asks m2m100 as Workers AI documents it, and takes an empty answer for none", async () => {
    const asked: unknown[] = [];
    const answer: { value: unknown } = { value: { translated_text: " Hello " } };
    const translator = workersAiTranslator({ run: async (model, inputs) => (asked.push([model, inputs]), answer.value) });
    expect(await translator.translate("你好", "zh", "en")).toBe("Hello");
    expect(asked).toEqual([[M2M100, { text: "你好", source_lang: "zh", target_lang: "en" }]]);
    answer.value = {};
    expect(await translator.translate("你好", "zh", "en")).toBe("");
  });

  it("waits a bounded time", async () => {
    expect(await within(new Promise<string>(() => {}), 10, "late")).toBe("late");
    expect(await within(Promise.resolve("soon"), 1000, "late")).toBe("soon");
  });
});

describe("filling a message's slot", () => {
  const request = { text: "The list is attached.", from: "en" as const, to: "zh" as const, pointer: "（全文：/case HN-2026-000001）" };
  const payload = { text: `【HN-2026-000001】企业补充说明：\nThe list is attached.\n${TRANSLATION_SLOT}`, parse_mode: "HTML" as const, machine_translation: request };

  it("puts the labelled translation in the slot and sends no request field", () => {
    const filled = fillSlot(payload, "清单已附上。");
    expect(filled).toEqual({ text: "【HN-2026-000001】企业补充说明：\nThe list is attached.\n<i>机器翻译（仅供参考，以原文为准）：</i>\n清单已附上。", parse_mode: "HTML" });
  });

  it("escapes the translation: it is free text", () => {
    expect(fillSlot(payload, "<b>清单</b> & 报关单").text).toContain("&lt;b&gt;清单&lt;/b&gt; &amp; 报关单");
  });

  it("says the translation is unavailable when there is none, and leaves the slot out when translation is off", () => {
    expect(fillSlot(payload, "").text).toBe("【HN-2026-000001】企业补充说明：\nThe list is attached.\n<i>（机器翻译暂不可用，以上为原文。）</i>");
    expect(fillSlot(payload, null)).toEqual({ text: "【HN-2026-000001】企业补充说明：\nThe list is attached.", parse_mode: "HTML" });
  });

  it("cuts a translation to the room the message has left, ending in the pointer", () => {
    const original = "x".repeat(3000);
    const long = { ...payload, text: `${original}\n${TRANSLATION_SLOT}` };
    const filled = fillSlot(long, "译".repeat(3000)).text;
    const text = shown(filled);
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(text.length).toBeGreaterThan(TEXT_LIMIT - 10);
    expect(text.startsWith(original)).toBe(true);
    expect(text.endsWith("…（全文：/case HN-2026-000001）")).toBe(true);
  });

  it("drops the translation rather than overflow when the original leaves no room", () => {
    const full = { ...payload, text: `${"x".repeat(TEXT_LIMIT - 2)}\n${TRANSLATION_SLOT}` };
    expect(shown(fillSlot(full, "清单").text).length).toBeLessThanOrEqual(TEXT_LIMIT);
  });
});

describe("keeping room for the translation", () => {
  it("joins two blocks only with room to spare, and never splits a block that fits alone", () => {
    const a = "甲".repeat(1500);
    const b = `${"乙".repeat(1500)}\n${TRANSLATION_SLOT}`;
    expect(packBlocks([a, b])).toEqual([`${a}\n\n${b}`]);
    expect(packBlocks([a, b], { joinLimit: TEXT_LIMIT - 2048 })).toEqual([a, b]);
    const whole = `${"丙".repeat(3000)}\n${TRANSLATION_SLOT}`;
    expect(packBlocks([whole], { joinLimit: TEXT_LIMIT - 2048 })).toEqual([whole]);
  });
});

describe("translating a drain's rows", () => {
  // The cache is empty; what would be stored is handed back as the insert's values.
  const handle = {
    db: {
      select: () => ({ from: () => ({ where: async () => [] }) }),
      insert: () => ({ values: (v: unknown) => ({ onConflictDoNothing: () => v }) }),
    },
  } as never;
  const rowFor = (id: number, text: string): OutboxRow =>
    ({
      id,
      chatId: 1000 + id,
      aboutTelegramId: 7,
      payload: { text: `${text}\n${TRANSLATION_SLOT}`, parse_mode: "HTML", machine_translation: { text, from: "en", to: "zh", pointer: "" } },
    }) as unknown as OutboxRow;

  it("asks a few at a time, each text once, and sends what the wait did not reach with the note", async () => {
    let open = 0;
    let most = 0;
    const asked: string[] = [];
    const translator = {
      translate: async (text: string) => {
        asked.push(text);
        most = Math.max(most, ++open);
        await new Promise((r) => setTimeout(r, 60));
        open -= 1;
        return `译：${text}`;
      },
    };
    const rows = [...Array.from({ length: 12 }, (_, i) => rowFor(i, `text ${i}`)), rowFor(99, "text 0")];
    const started = Date.now();
    const result = await translateClaimed(handle, rows, translator, 0, 150);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(most).toBeLessThanOrEqual(4);
    expect(asked.filter((t) => t === "text 0")).toHaveLength(1);
    expect(result.report.translated + result.report.unavailable).toBe(12);
    expect(result.report.unavailable).toBeGreaterThan(0);
    expect(result.writes).toHaveLength(result.report.translated);
    const texts = result.rows.map((r) => (r.payload as { text: string }).text);
    expect(texts[0]).toContain("译：text 0");
    expect(texts.at(-1)).toContain("译：text 0");
    expect(texts.filter((t) => t.includes("机器翻译暂不可用"))).toHaveLength(result.report.unavailable);
    for (const row of result.rows) expect(row.payload).not.toHaveProperty("machine_translation");
  });
});
