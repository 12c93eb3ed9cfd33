// Inline keyboards as Telegram takes them (reply_markup.inline_keyboard), built the way grammy's
// InlineKeyboard builds them (text buttons, rows), so the same JSON comes out. Its own small class
// because the web Worker renders notices with buttons too, and importing grammy's builder bundled
// all of grammy there (5.4 KiB gzip of its 150).
import type { InlineKeyboardButton } from "grammy/types";

export class InlineKeyboard {
  readonly inline_keyboard: InlineKeyboardButton[][] = [[]];

  /** A callback button at the end of the current row. */
  text(text: string, data = text): this {
    this.inline_keyboard[this.inline_keyboard.length - 1]!.push({ text, callback_data: data });
    return this;
  }

  /** Starts a new row (as grammy's does, even after an empty one). */
  row(): this {
    this.inline_keyboard.push([]);
    return this;
  }
}
