// The web's text: only the catalogs its pages use (see lib/locales/web-catalogs.ts). Plain text:
// hono/html escapes it where a page interpolates it.
import { createTranslator } from "../../lib/fluent.ts";
import { webCatalogs } from "../../lib/locales/web-catalogs.ts";

export type { Locale } from "../../lib/fluent.ts";
export const { t, messageIds } = createTranslator(webCatalogs, { escapeArgs: false });
