import { describe, expect, it } from "vitest";
import { horizontalBars, stackedBars } from "../../workers/web/charts.ts";

type Attrs = Record<string, string>;

const attrs = (tag: string): Attrs => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
const tags = (svg: string, name: string, cls?: string) =>
  [...svg.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => attrs(m[0])).filter((a) => !cls || (a.class ?? "").split(" ").includes(cls));
const bars = (svg: string) => tags(svg, "rect", "bar");
const num = (a: Attrs | undefined, key: string) => Number(a?.[key]);
/** [hover title or undefined, shown text] of each <text class="…">. */
const texts = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<text[^>]*class="${cls}"[^>]*>(?:<title>([^<]*)</title>)?([^<]*)</text>`, "g"))].map((m) => [m[1], m[2]!] as const);
const shown = (svg: string, cls: string) => texts(svg, cls).map(([, s]) => s);
const viewBox = (svg: string) => tags(svg, "svg")[0]!.viewBox!.split(" ").map(Number);

/** No DOMParser in Node: balanced tags, quoted attributes, known entities only, no stray "<" or ">". Returns the problem. */
function xmlProblem(xml: string): string | null {
  const value = `"(?:[^"<>&]|&(?:amp|lt|gt|quot|#39);)*"`;
  const token = new RegExp(`<(/?)([A-Za-z][\\w:-]*)((?:\\s+[\\w:-]+=${value})*)\\s*(/?)>|[<>]|&(?!(?:amp|lt|gt|quot|#39);)`, "g");
  const stack: string[] = [];
  for (const m of xml.matchAll(token)) {
    if (!m[2]) return `stray ${m[0]} at ${m.index}`;
    if (m[1] && stack.pop() !== m[2]) return `unbalanced </${m[2]}> at ${m.index}`;
    if (!m[1] && !m[4]) stack.push(m[2]);
    if (stack.length === 0 && m.index + m[0].length !== xml.length) return `content after the root at ${m.index}`;
  }
  return stack.length ? `unclosed <${stack.at(-1)}>` : null;
}

describe("xmlProblem: the checker the other tests rely on", () => {
  it.each([
    ["well formed", `<svg a="1"><g><title>x &amp; y</title></g><rect b="&quot;"/></svg>`, false],
    ["unclosed", "<svg><g></svg>", true],
    ["bare ampersand", "<svg>a & b</svg>", true],
    ["bare less-than in text", "<svg><text>a < b</text></svg>", true],
    ["quote breaking out of an attribute", `<svg><rect x="a"b"/></svg>`, true],
    ["two roots", "<svg></svg><svg></svg>", true],
  ])("%s", (_label, xml, bad) => {
    expect(xmlProblem(xml) !== null).toBe(bad);
  });
});

describe("horizontalBars", () => {
  it.each([
    ["rates on the default max 1", [1, 0.923, 0.5, 0.25, 0], undefined],
    ["working days on max 20", [20, 3.5, 10, 0.5], 20],
  ])("bar widths are proportional to the values: %s", (_label, values, max) => {
    const svg = horizontalBars({ title: "t", rows: values.map((value, i) => ({ label: `u${i}`, value })), max });
    const found = bars(svg);
    expect(found.map((a) => num(a, "data-value"))).toEqual(values);
    const full = num(found[0], "width");
    expect(full).toBeGreaterThan(100);
    for (const a of found) expect(num(a, "width") / full).toBeCloseTo(num(a, "data-value") / (max ?? 1), 3);
  });

  it.each([
    ["default: a percentage", { value: 0.923 }, {}, "92.3%"],
    ["default, whole", { value: 1 }, {}, "100.0%"],
    ["custom format", { value: 3.5 }, { max: 20, format: (v: number) => `${v} 天` }, "3.5 天"],
    ["with a note", { value: 0.5, note: "6/12" }, {}, "50.0% · 6/12"],
  ])("value label: %s", (_label, row, options, expected) => {
    expect(shown(horizontalBars({ title: "t", rows: [{ label: "海口", ...row }], ...options }), "value")).toEqual([expected]);
  });

  it.each([
    ["null", null, "–"],
    ["NaN", Number.NaN, "–"],
    ["Infinity", Number.POSITIVE_INFINITY, "–"],
  ])("%s is no data: no bar and an en dash", (_label, value, expected) => {
    const svg = horizontalBars({ title: "t", rows: [{ label: "a", value }, { label: "b", value: 0.5 }] });
    expect(bars(svg).map((a) => num(a, "data-value"))).toEqual([0.5]);
    expect(shown(svg, "value")).toEqual([expected, "50.0%"]);
  });

  it("zero is data, unlike null: a zero-width bar and 0.0%", () => {
    const svg = horizontalBars({ title: "t", rows: [{ label: "a", value: 0 }] });
    expect(bars(svg).map((a) => [num(a, "data-value"), num(a, "width")])).toEqual([[0, 0]]);
    expect(shown(svg, "value")).toEqual(["0.0%"]);
  });

  it.each([
    ["below 0", -0.2, 0, "-20.0%"],
    ["above max", 1.7, 1, "170.0%"],
    ["inside", 0.5, 0.5, "50.0%"],
  ])("a value %s is drawn clamped to [0, max] but labelled as it is", (_label, value, drawnAs, label) => {
    const svg = horizontalBars({ title: "t", rows: [{ label: "ref", value: 1 }, { label: "v", value }] });
    const [ref, bar] = bars(svg);
    expect(num(bar, "data-value")).toBe(value);
    expect(num(bar, "width")).toBeCloseTo(num(ref, "width") * drawnAs, 1);
    expect(shown(svg, "value")[1]).toBe(label);
  });

  it.each([
    ["inside", 0.9, 0.9],
    ["beyond max, kept on the chart", 1.5, 1],
  ])("the target is a dashed line at its value: %s", (_label, target, at) => {
    const svg = horizontalBars({ title: "t", rows: [{ label: "ref", value: 1 }], target });
    const [ref] = bars(svg);
    const lines = tags(svg, "line", "target");
    expect(lines).toHaveLength(1);
    expect(num(lines[0], "x1")).toBeCloseTo(num(ref, "x") + num(ref, "width") * at, 1);
    expect(lines[0]!["stroke-dasharray"]).toBeTruthy();
  });

  it.each([
    ["none", undefined],
    ["NaN", Number.NaN],
  ])("no target line for target %s", (_label, target) => {
    const svg = horizontalBars({ title: "t", rows: [{ label: "a", value: 1 }], target });
    expect(tags(svg, "line", "target")).toEqual([]);
    expect(svg).not.toContain("NaN");
  });

  it("the height grows by one row step per row", () => {
    const heights = [1, 2, 5].map((n) => viewBox(horizontalBars({ title: "t", rows: Array.from({ length: n }, (_, i) => ({ label: `${i}`, value: 0.5 })) }))[3]!);
    const step = heights[1]! - heights[0]!;
    expect(step).toBeGreaterThan(0);
    expect(heights[2]! - heights[1]!).toBe(3 * step);
  });
});

describe("stackedBars", () => {
  const series = ["L1", "L2", "L3", "L4"].map((label) => ({ label }));
  // Segments of one row share their y.
  const rowsOf = (svg: string) => [...bars(svg).reduce((rows, a) => rows.set(a.y!, [...(rows.get(a.y!) ?? []), a]), new Map<string, Attrs[]>()).values()];

  it("segments sum to the row total's share of the largest total, end to end", () => {
    const values = [[1, 2, 3, 1], [0, 5, 0, 0], [2, 0, 0, 1]];
    const svg = stackedBars({ title: "t", series, rows: values.map((v, i) => ({ label: `u${i}`, values: v })) });
    const rows = rowsOf(svg);
    expect(rows.map((row) => row.map((a) => num(a, "data-value")))).toEqual([[1, 2, 3, 1], [5], [2, 1]]);
    const sums = rows.map((row) => row.reduce((s, a) => s + num(a, "width"), 0));
    expect(sums[0]).toBeGreaterThan(100);
    expect(sums.map((s) => s / sums[0]!)).toEqual([1, 5 / 7, 3 / 7].map((share) => expect.closeTo(share, 3)));
    for (const row of rows) {
      for (let i = 1; i < row.length; i++) expect(num(row[i], "x")).toBeCloseTo(num(row[i - 1], "x") + num(row[i - 1], "width"), 5);
    }
    for (const row of rows) {
      for (const a of row) expect(num(a, "width") / sums[0]!).toBeCloseTo(num(a, "data-value") / 7, 3);
    }
    expect(shown(svg, "value")).toEqual(["7", "5", "3"]);
  });

  it.each([1, 7, 1000])("the largest total (%i) spans the full bar width", (total) => {
    const svg = stackedBars({ title: "t", series, rows: [{ label: "a", values: [total - 1, 1] }, { label: "b", values: [0, 1] }] });
    const full = num(bars(horizontalBars({ title: "t", rows: [{ label: "a", value: 1 }] }))[0], "width");
    expect(rowsOf(svg)[0]!.reduce((s, a) => s + num(a, "width"), 0)).toBeCloseTo(full, 5);
  });

  it.each([
    ["one row of zeros among others", [[0, 0, 0, 0], [1, 0, 2, 0]], 2, ["0", "3"]],
    ["all rows zero", [[0, 0, 0, 0], [0, 0, 0, 0]], 0, ["0", "0"]],
    ["negative and NaN counts count as zero", [[-3, Number.NaN, 0, 0], [0, 1, 0, 0]], 1, ["0", "1"]],
  ])("%s", (_label, values, segments, totals) => {
    const svg = stackedBars({ title: "t", series, rows: values.map((v, i) => ({ label: `u${i}`, values: v })) });
    expect(bars(svg)).toHaveLength(segments);
    expect(shown(svg, "value")).toEqual(totals);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it.each([1, 2, 4, 5])("a legend entry per series: %i", (n) => {
    const labels = Array.from({ length: n }, (_, i) => `级别${i + 1}`);
    const svg = stackedBars({ title: "t", series: labels.map((label) => ({ label })), rows: [{ label: "u", values: labels.map(() => 1) }] });
    const legend = tags(svg, "rect", "legend");
    expect(legend).toHaveLength(n);
    for (const label of labels) expect(svg).toContain(`>${label}</text>`);
    // Each segment in its series' colour, and the four default colours differ.
    expect(bars(svg).map((a) => a.fill)).toEqual(legend.map((a) => a.fill));
    expect(new Set(legend.slice(0, 4).map((a) => a.fill)).size).toBe(Math.min(n, 4));
  });

  it("a series' own colour wins", () => {
    const svg = stackedBars({ title: "t", series: [{ label: "a", color: "#123456" }, { label: "b" }], rows: [{ label: "u", values: [1, 1] }] });
    expect(tags(svg, "rect", "legend")[0]!.fill).toBe("#123456");
    expect(bars(svg)[0]!.fill).toBe("#123456");
  });
});

describe("both charts", () => {
  const evil = `<script>alert("x")&'</script>`;
  const charts: [string, (text: string) => string][] = [
    ["bar title", (s) => horizontalBars({ title: s, rows: [{ label: "a", value: 1 }] })],
    ["bar label", (s) => horizontalBars({ title: "t", rows: [{ label: s, value: 1 }] })],
    ["long bar label (cut, in <title>)", (s) => horizontalBars({ title: "t", rows: [{ label: s.repeat(3), value: 1 }] })],
    ["bar note", (s) => horizontalBars({ title: "t", rows: [{ label: "a", value: null, note: s }] })],
    ["bar format", (s) => horizontalBars({ title: "t", rows: [{ label: "a", value: 1 }], target: 0.5, format: () => s })],
    ["stacked title", (s) => stackedBars({ title: s, series: [{ label: "a" }], rows: [{ label: "u", values: [1] }] })],
    ["stacked label", (s) => stackedBars({ title: "t", series: [{ label: "a" }], rows: [{ label: s, values: [1] }] })],
    ["stacked series label", (s) => stackedBars({ title: "t", series: [{ label: s }], rows: [{ label: "u", values: [1] }] })],
    ["stacked series colour", (s) => stackedBars({ title: "t", series: [{ label: "a", color: s }], rows: [{ label: "u", values: [1] }] })],
  ];

  it.each(charts)("escapes text: %s", (_label, chart) => {
    const svg = chart(evil);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;");
    expect(xmlProblem(svg)).toBeNull();
  });

  it.each([
    ["short Latin: whole", "Haikou", "Haikou"],
    ["22 Latin characters: whole", "x".repeat(22), "x".repeat(22)],
    ["23 Latin characters: cut", "x".repeat(23), `${"x".repeat(21)}…`],
    ["long Latin: cut", "Yangpu Economic Development Zone Administration", "Yangpu Economic Devel…"],
    ["11 CJK characters (22 units): whole", "海南省商务厅外资服务处", "海南省商务厅外资服务处"],
    ["long CJK: cut at half the characters", "海南自由贸易港投资服务中心三亚分中心", "海南自由贸易港投资服…"],
    ["mixed", "三亚 Sanya Yazhou Bay Science and Technology City", "三亚 Sanya Yazhou Bay…"],
    ["CJK outside the BMP, not split", "𠀀".repeat(12), `${"𠀀".repeat(10)}…`],
  ])("labels: %s, the full text kept in <title> when cut", (_label, label, expected) => {
    const hover = expected === label ? undefined : label;
    const bar = horizontalBars({ title: "t", rows: [{ label, value: 1 }] });
    const stacked = stackedBars({ title: "t", series: [{ label: "a" }], rows: [{ label, values: [1] }] });
    expect(texts(bar, "label")).toEqual([[hover, expected]]);
    expect(texts(stacked, "label")).toEqual([[hover, expected]]);
  });

  const ids = (svg: string) => {
    const root = tags(svg, "svg")[0]!;
    return [root["aria-labelledby"], root["aria-describedby"]];
  };

  it("ids point at the chart's own <title> and <desc>", () => {
    const svg = horizontalBars({ title: "办结率", rows: [{ label: "海口", value: 0.5 }] });
    const [title, desc] = ids(svg);
    expect(svg).toContain(`<title id="${title}">办结率</title>`);
    expect(svg).toContain(`<desc id="${desc}">海口: 50.0%</desc>`);
  });

  it.each([
    ["different titles", horizontalBars({ title: "办结率", rows: [] }), horizontalBars({ title: "满意率", rows: [] })],
    ["same title, different rows", horizontalBars({ title: "t", rows: [{ label: "a", value: 1 }] }), horizontalBars({ title: "t", rows: [] })],
    ["same title, different kinds", horizontalBars({ title: "t", rows: [] }), stackedBars({ title: "t", series: [], rows: [] })],
    ["different stacked titles", stackedBars({ title: "a", series: [], rows: [] }), stackedBars({ title: "b", series: [], rows: [] })],
  ])("ids differ between charts: %s", (_label, a, b) => {
    const [ta, da] = ids(a);
    const [tb, db] = ids(b);
    expect(ta).not.toBe(tb);
    expect(da).not.toBe(db);
    expect(ta).not.toBe(da);
  });

  it("ids are deterministic", () => {
    const options = { title: "t", series: [{ label: "a" }], rows: [{ label: "u", values: [1] }] };
    expect(stackedBars(options)).toBe(stackedBars(structuredClone(options)));
  });

  it.each([
    ["bars", horizontalBars({ title: "t", rows: [{ label: "a", value: 0.5 }] })],
    ["bars, no rows", horizontalBars({ title: "t", rows: [] })],
    ["stacked", stackedBars({ title: "t", series: [{ label: "a" }, { label: "b" }], rows: [{ label: "u", values: [1, 2] }] })],
    ["stacked, nothing", stackedBars({ title: "t", series: [], rows: [] })],
  ])("root attributes and well-formed XML: %s", (_label, svg) => {
    expect(xmlProblem(svg)).toBeNull();
    const root = tags(svg, "svg")[0]!;
    expect(root).toMatchObject({ xmlns: "http://www.w3.org/2000/svg", role: "img", width: "100%" });
    expect(root.class!.split(" ")).toContain("chart");
    expect(root["font-family"]).toContain("Noto Sans CJK SC");
    expect(viewBox(svg).slice(0, 3)).toEqual([0, 0, 640]);
    expect(svg).not.toMatch(/<(script|image|foreignObject|use)\b|href=|url\(|@import/i);
  });
});
