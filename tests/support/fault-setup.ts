// The fault suite's servers: the fake Telegram API and a libSQL server of its own behind the
// breakable proxy (tests/support/fault-db.ts), so restarting it never disturbs the other suites.
import type { TestProject } from "vitest/node";
import { startFaultDb } from "./fault-db.ts";
import { provideServers } from "./global-setup.ts";

export default function setup(project: TestProject) {
  return provideServers(project, "desk-faults-", startFaultDb);
}
