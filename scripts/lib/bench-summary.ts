// The webhook bench's arithmetic, apart from the processes it drives: a run's figures per stack, their
// median with min and max, and ratios of interleaved pairs of runs. Pure, so tests/unit/bench-summary.test.ts checks it.

/** One run of one step kind on one stack. */
export interface Sample {
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  failures: Record<string, number>;
  /** CPU per update, ms, by process name, and their `total`. */
  cpu: Record<string, number>;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median (the upper one of an even count) with min and max, to 2 decimals. */
export function spread(xs: number[]): Spread {
  if (xs.length === 0) throw new Error("no figures to summarise");
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: +sorted[Math.floor(sorted.length / 2)]!.toFixed(2), min: +sorted[0]!.toFixed(2), max: +sorted.at(-1)!.toFixed(2) };
}

/** A stack's runs of one step kind: each figure's spread, CPU by process (0 in a run a process did not show up in), every non-200 summed. */
export function summarize(runs: Sample[]) {
  const processes = [...new Set(runs.flatMap((r) => Object.keys(r.cpu)))];
  const failures: Record<string, number> = {};
  for (const r of runs) for (const [status, count] of Object.entries(r.failures)) failures[status] = (failures[status] ?? 0) + count;
  return {
    cpuMsPerUpdate: Object.fromEntries(processes.map((name) => [name, spread(runs.map((r) => r.cpu[name] ?? 0))])) as Record<string, Spread>,
    p50Ms: spread(runs.map((r) => r.p50Ms)),
    p99Ms: spread(runs.map((r) => r.p99Ms)),
    perSecond: spread(runs.map((r) => r.perSecond)),
    failures,
  };
}
export type StackSummary = ReturnType<typeof summarize>;

/** `over` ÷ `under` for CPU, p50 and p99: the ratio of each interleaved pair of runs (same run number), then their spread. */
export function pairedRatios(over: Sample[], under: Sample[]): Record<"cpu" | "p50" | "p99", Spread> {
  if (over.length !== under.length) throw new Error(`unpaired runs: ${over.length} against ${under.length}`);
  const ratio = (of: (s: Sample) => number) => spread(over.map((s, i) => of(s) / of(under[i]!)));
  return { cpu: ratio((s) => s.cpu.total!), p50: ratio((s) => s.p50Ms), p99: ratio((s) => s.p99Ms) };
}

/** The stacks in the order run number `run` drives them: rotated each run, so none always meets the machine warmer or busier. */
export function runOrder<T>(stacks: readonly T[], run: number): T[] {
  const shift = stacks.length === 0 ? 0 : run % stacks.length;
  return [...stacks.slice(shift), ...stacks.slice(0, shift)];
}
