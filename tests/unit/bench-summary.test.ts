import { describe, expect, it } from "vitest";
import { pairedRatios, runOrder, spread, summarize, type Sample } from "../../scripts/lib/bench-summary.ts";

const sample = (cpu: Record<string, number>, p50Ms = 10, failures: Record<string, number> = {}): Sample => ({ p50Ms, p99Ms: p50Ms * 2, perSecond: 100, failures, cpu });

describe("spread: the median of the runs with min and max", () => {
  it.each([
    ["one run", [4], { median: 4, min: 4, max: 4 }],
    ["an odd count, unsorted", [9, 1, 5], { median: 5, min: 1, max: 9 }],
    ["an even count: the upper median", [1, 2, 3, 4], { median: 3, min: 1, max: 4 }],
    ["rounded to 2 decimals", [1.23456, 2.34567, 3.45678], { median: 2.35, min: 1.23, max: 3.46 }],
  ] as [string, number[], object][])("%s", (_label, xs, expected) => {
    expect(spread(xs)).toEqual(expected);
  });

  it("refuses no runs rather than reporting undefined", () => {
    expect(() => spread([])).toThrow(/no figures/);
  });
});

describe("summarize: a stack's runs of one step", () => {
  it("spreads CPU by process, counts a process missing from a run as 0, and sums the non-200s", () => {
    const summary = summarize([
      sample({ workerd: 4, sqld: 2, total: 6 }, 10, { "503": 1 }),
      sample({ workerd: 6, total: 6 }, 20),
      sample({ workerd: 5, sqld: 3, total: 8 }, 30, { "503": 2, timeout: 1 }),
    ]);
    expect(summary.cpuMsPerUpdate).toEqual({ workerd: { median: 5, min: 4, max: 6 }, sqld: { median: 2, min: 0, max: 3 }, total: { median: 6, min: 6, max: 8 } });
    expect(summary.p50Ms).toEqual({ median: 20, min: 10, max: 30 });
    expect(summary.p99Ms).toEqual({ median: 40, min: 20, max: 60 });
    expect(summary.failures).toEqual({ "503": 3, timeout: 1 });
  });
});

describe("pairedRatios: each interleaved pair's ratio, then their spread", () => {
  it.each([
    ["equal stacks", [6, 6, 6], [6, 6, 6], { median: 1, min: 1, max: 1 }],
    // Pairs, not medians: 12/6, 30/10, 16/8 — the ratio of the medians (16/8) would hide the spread.
    ["ratios of the same-numbered runs", [12, 30, 16], [6, 10, 8], { median: 2, min: 2, max: 3 }],
    ["below the floor", [3, 4], [6, 8], { median: 0.5, min: 0.5, max: 0.5 }],
  ] as [string, number[], number[], object][])("CPU: %s", (_label, over, under, expected) => {
    const ratios = pairedRatios(over.map((total) => sample({ total })), under.map((total) => sample({ total })));
    expect(ratios.cpu).toEqual(expected);
  });

  it("takes p50 and p99 the same way", () => {
    const ratios = pairedRatios([sample({ total: 1 }, 30), sample({ total: 1 }, 12)], [sample({ total: 1 }, 10), sample({ total: 1 }, 12)]);
    expect(ratios.p50).toEqual({ median: 3, min: 1, max: 3 });
    expect(ratios.p99).toEqual({ median: 3, min: 1, max: 3 });
  });

  it("refuses runs that do not pair up", () => {
    expect(() => pairedRatios([sample({ total: 1 })], [])).toThrow(/unpaired runs: 1 against 0/);
  });
});

describe("runOrder: which stack goes first turns with each run", () => {
  it.each([
    [["project", "floor"], 0, ["project", "floor"]],
    [["project", "floor"], 1, ["floor", "project"]],
    [["project", "floor"], 2, ["project", "floor"]],
    [["p", "f", "d", "r"], 1, ["f", "d", "r", "p"]],
    [["p", "f", "d", "r"], 6, ["d", "r", "p", "f"]],
    [[], 3, []],
  ] as [string[], number, string[]][])("%j, run %i → %j", (stacks, run, expected) => {
    expect(runOrder(stacks, run)).toEqual(expected);
  });

  it("puts every stack first once in as many runs as there are stacks", () => {
    const stacks = ["p", "f", "d", "r"];
    expect(new Set(stacks.map((_, run) => runOrder(stacks, run)[0]))).toEqual(new Set(stacks));
  });
});
