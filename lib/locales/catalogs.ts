// The bot's Worker's Fluent catalogs, one file per feature and language: the shared ones and its
// conversations'. lib/i18n.ts imports the list as "#catalogs" (package.json "imports"); the web Worker's
// build takes notice-catalogs.ts in its place (workers/web/wrangler.toml's alias), the jobs Worker's
// jobs-catalogs.ts (workers/jobs/wrangler.toml's), and the tests, which run the three Workers' code in one
// isolate, all-catalogs.ts (vitest.config.ts). A new file is listed in shared-catalogs.ts or in the own list
// of each Worker that renders it (supervision.ftl: the bot's and the jobs Worker's);
// tests/unit/worker-catalogs.test.ts checks each Worker has the messages it names.
// (The supervisors' web pages have their own list: web-catalogs.ts.)
import { sharedCatalogs } from "./shared-catalogs.ts";
import enAccount from "./en/account.ftl" with { type: "text" };
import enHelp from "./en/help.ftl" with { type: "text" };
import enOnboarding from "./en/onboarding.ftl" with { type: "text" };
import enSupervision from "./en/supervision.ftl" with { type: "text" };
import zhAccount from "./zh/account.ftl" with { type: "text" };
import zhHelp from "./zh/help.ftl" with { type: "text" };
import zhOnboarding from "./zh/onboarding.ftl" with { type: "text" };
import zhSupervision from "./zh/supervision.ftl" with { type: "text" };

export const catalogs = {
  zh: [...sharedCatalogs.zh, zhAccount, zhHelp, zhOnboarding, zhSupervision],
  en: [...sharedCatalogs.en, enAccount, enHelp, enOnboarding, enSupervision],
} as const;
