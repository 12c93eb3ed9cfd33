// The web Worker's "#catalogs" (see catalogs.ts): the shared catalogs and what only it renders with the
// bot's translator: the admin API's validation, the case page, the channels' test messages and the
// hand-over notice. (The notice documents have their own translator: bots/notice-document.ts.)
import { sharedCatalogs } from "./shared-catalogs.ts";
import enAdmin from "./en/admin.ftl" with { type: "text" };
import enChannels from "./en/channels.ftl" with { type: "text" };
import enHandOver from "./en/hand-over.ftl" with { type: "text" };
import enPage from "./en/page.ftl" with { type: "text" };
import zhAdmin from "./zh/admin.ftl" with { type: "text" };
import zhChannels from "./zh/channels.ftl" with { type: "text" };
import zhHandOver from "./zh/hand-over.ftl" with { type: "text" };
import zhPage from "./zh/page.ftl" with { type: "text" };

export const catalogs = {
  zh: [...sharedCatalogs.zh, zhAdmin, zhChannels, zhHandOver, zhPage],
  en: [...sharedCatalogs.en, enAdmin, enChannels, enHandOver, enPage],
} as const;
