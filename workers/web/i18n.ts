// The web's text: only the catalogs its pages use (see bots/locales/web-catalogs.ts). Plain text:
// hono/html escapes it where a page interpolates it.
import { createTranslator } from "../../bots/fluent.ts";
import { webCatalogs } from "../../bots/locales/web-catalogs.ts";

export type { Locale } from "../../bots/fluent.ts";
export const { t, messageIds } = createTranslator(webCatalogs, { escapeArgs: false });
