// The bot's Fluent catalogs, one file per feature and language. A new file is listed here once, or in
// notice-catalogs.ts when the web Worker renders it too. lib/i18n.ts imports this list as "#catalogs"
// (package.json "imports"). (The supervisors' web pages have their own list: web-catalogs.ts.)
import { catalogs as noticeCatalogs } from "./notice-catalogs.ts";
import enAccount from "./en/account.ftl" with { type: "text" };
import enHelp from "./en/help.ftl" with { type: "text" };
import enOnboarding from "./en/onboarding.ftl" with { type: "text" };
import enSupervision from "./en/supervision.ftl" with { type: "text" };
import zhAccount from "./zh/account.ftl" with { type: "text" };
import zhHelp from "./zh/help.ftl" with { type: "text" };
import zhOnboarding from "./zh/onboarding.ftl" with { type: "text" };
import zhSupervision from "./zh/supervision.ftl" with { type: "text" };

export const catalogs = {
  zh: [...noticeCatalogs.zh, zhAccount, zhHelp, zhOnboarding, zhSupervision],
  en: [...noticeCatalogs.en, enAccount, enHelp, enOnboarding, enSupervision],
} as const;
