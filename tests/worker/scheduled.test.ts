import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import jobs from "../../workers/jobs/index.ts";
import { rows } from "./support/db.ts";

describe("scheduled", () => {
  it("takes 'now' from controller.scheduledTime", async () => {
    // 08:30 Beijing: before the digest hour, so this tick sends nothing to other tests' specialists.
    const scheduledTime = Date.UTC(2026, 1, 12, 0, 30, 0) + Math.floor(Math.random() * 1000);
    const controller = createScheduledController({ scheduledTime, cron: "*/5 * * * *" });
    await jobs.scheduled(controller, env);
    const [row] = await rows<{ value: string }>("SELECT value FROM settings WHERE key = 'cron.last_tick'");
    expect(JSON.parse(row!.value)).toEqual({ now: scheduledTime, cron: "*/5 * * * *" });
  });
});
