// Child processes of the local stack: each in its own process group, so stopping one also stops
// what it spawned (wrangler → workerd), and nothing is left behind after Ctrl-C.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function startManaged(name: string, command: string, args: string[], options: SpawnOptions = {}): Managed {
  const child = spawn(command, args, { stdio: "inherit", ...options, detached: true });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, child, exited };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGTERM to each group, then SIGKILL to whatever still runs after `graceMs`. */
export async function stopAll(managed: Managed[], graceMs = 5000): Promise<void> {
  for (const m of managed) signalGroup(m.child, "SIGTERM");
  const timer = setTimeout(() => managed.forEach((m) => signalGroup(m.child, "SIGKILL")), graceMs);
  await Promise.all(managed.map((m) => m.exited));
  clearTimeout(timer);
  // workerd may outlive its wrangler parent for a moment; the group kill reaches it too.
  for (const m of managed) signalGroup(m.child, "SIGKILL");
}
