// Child processes of the local stack: each in its own process group, so stopping one also stops
// what it spawned (wrangler → workerd), and nothing is left behind after Ctrl-C.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";

/** A process's command name, process group and CPU time so far (ms, user + system; USER_HZ is 100 on Linux), from /proc; undefined once it is gone. */
export function processCpu(pid: number): { name: string; group: number; cpuMs: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), group: Number(fields[2]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

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

/**
 * Everything one run started. Each part is added the moment it is spawned, not once it is ready, so a
 * stop at any moment (Ctrl-C while wrangler is still starting) stops all of it. A part added after the
 * stop began is stopped at once (`stop()` waits for it too) and `add` throws, so the start goes no further.
 */
export class Stack {
  #parts: (() => Promise<void>)[] = [];
  #stopping: Promise<void>[] | undefined;

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  add(stop: () => Promise<void>): void {
    if (!this.#stopping) {
      this.#parts.push(stop);
      return;
    }
    this.#stopping.push(stop());
    throw new Error("the stack is stopping");
  }

  /** Stops every part at once; calling it again waits for the same stop. */
  async stop(): Promise<void> {
    this.#stopping ??= this.#parts.splice(0).map((stop) => stop());
    // A part added while waiting joins the list: wait until none is left unawaited.
    for (let awaited = 0; awaited < this.#stopping.length; ) {
      const batch = this.#stopping.slice(awaited);
      awaited += batch.length;
      await Promise.allSettled(batch);
    }
  }
}
