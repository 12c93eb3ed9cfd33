// The jobs Worker's "#catalogs" (see catalogs.ts; workers/jobs/wrangler.toml's alias): the shared catalogs,
// the supervision notices it drafts and reminds of (also the bot's, which signs them off in chat), and what
// only the cron sends: the deadline reminders and the daily digests (cron.ftl).
import { sharedCatalogs } from "./shared-catalogs.ts";
import enCron from "./en/cron.ftl" with { type: "text" };
import enSupervision from "./en/supervision.ftl" with { type: "text" };
import zhCron from "./zh/cron.ftl" with { type: "text" };
import zhSupervision from "./zh/supervision.ftl" with { type: "text" };

export const catalogs = {
  zh: [...sharedCatalogs.zh, zhCron, zhSupervision],
  en: [...sharedCatalogs.en, enCron, enSupervision],
} as const;
