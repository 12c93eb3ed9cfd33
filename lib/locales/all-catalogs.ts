// The tests' "#catalogs" (vitest.config.ts): the three Workers' code runs in one test isolate.
import { catalogs as bot } from "./catalogs.ts";
import { catalogs as jobs } from "./jobs-catalogs.ts";
import { catalogs as web } from "./notice-catalogs.ts";

export const catalogs = {
  zh: [...new Set([...bot.zh, ...web.zh, ...jobs.zh])],
  en: [...new Set([...bot.en, ...web.en, ...jobs.en])],
} as const;
