// The web's text: only the catalogs its pages use (see bots/locales/web-catalogs.ts).
import { createTranslator } from "../../bots/fluent.ts";
import { webCatalogs } from "../../bots/locales/web-catalogs.ts";

export { escapeHtml, type Locale } from "../../bots/fluent.ts";
export const { t, messageIds } = createTranslator(webCatalogs);
