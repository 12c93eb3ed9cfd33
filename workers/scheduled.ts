// The cron tick: "now" is controller.scheduledTime, never the wall clock, so a tick replayed with
// a given time behaves as it would have then. Jobs register here; each reports what it did.
import { eq } from "drizzle-orm";
import { openDbFor, type DbHandle } from "../db/client.ts";
import { settings as settingsTable } from "../db/schema.ts";
import type { JobsSettings } from "../lib/settings.ts";
import type { OutboxQueue } from "./outbox/queue.ts";
import type { Translator } from "../lib/translation.ts";
import { alertsJob } from "./jobs/alerts.ts";
import { digestJob } from "./jobs/digest.ts";
import { expiryJob } from "./jobs/expiry.ts";
import { outboxJob } from "./jobs/outbox.ts";
import { retentionJob } from "./jobs/retention.ts";
import { logError, logEvent } from "../lib/log.ts";

export interface JobContext {
  handle: DbHandle;
  settings: JobsSettings;
  now: number;
  cron: string;
  /** The outbox queue, when the Worker has the binding. */
  queue?: OutboxQueue | undefined;
  /** Fills messages' machine-translation slots (workers/translator.ts). */
  translator?: Translator | undefined;
}

export interface CronJob {
  name: string;
  run(ctx: JobContext): Promise<Record<string, number>>;
}

/** In order: what enqueues messages first, then the sender, then what retention lets go. */
export const jobs: CronJob[] = [alertsJob, expiryJob, digestJob, outboxJob, retentionJob];

export interface TickReport {
  now: number;
  jobs: Record<string, Record<string, number> | { error: string }>;
  roundTrips: number;
}

export async function runTick(
  settings: JobsSettings,
  now: number,
  cron: string,
  registry: CronJob[] = jobs,
  queue?: OutboxQueue,
  translator?: Translator,
): Promise<TickReport> {
  const started = Date.now();
  const handle = openDbFor(settings);
  const results: TickReport["jobs"] = {};
  for (const job of registry) {
    try {
      results[job.name] = await job.run({ handle, settings, now, cron, queue, translator });
    } catch (error) {
      logError("job_failed", error, { job: job.name, now });
      results[job.name] = { error: (error as Error).name };
    }
  }
  // The tick's mark, and whether the database should write portal events (migration 0006), in step with the settings.
  const upsert = (key: string, value: unknown) =>
    handle.db.insert(settingsTable).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: now } });
  await handle.db.batch([upsert("cron.last_tick", { now, cron }), upsert("portal.webhook", { enabled: settings.PORTAL_WEBHOOK_URL ? 1 : 0 })]);
  const report = { now, jobs: results, roundTrips: handle.roundTrips() };
  logEvent("tick", { now, cron, ms: Date.now() - started, db_round_trips: report.roundTrips, jobs: registry.length });
  return report;
}

export async function lastTick(handle: DbHandle): Promise<number | undefined> {
  const [row] = await handle.db.select().from(settingsTable).where(eq(settingsTable.key, "cron.last_tick"));
  return (row?.value as { now?: number } | undefined)?.now;
}
