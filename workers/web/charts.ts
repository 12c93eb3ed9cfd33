// Server-side SVG charts for the supervisors' figures: plain markup strings with no scripts, fonts
// or images, so they pass the page's CSP. Embed them with hono/html's raw(); all text is escaped here.

export interface BarRow {
  label: string;
  value: number | null;
  note?: string;
}

export interface HorizontalBarsOptions {
  title: string;
  rows: BarRow[];
  max?: number;
  format?: (v: number) => string;
  target?: number;
}

export interface StackedBarsOptions {
  title: string;
  series: { label: string; color?: string }[];
  rows: { label: string; values: number[] }[];
}

const W = 640;
const LABEL_END = 160; // labels are right-aligned against the bars
const BAR_X = 168;
const BAR_W = 360; // leaves ~100px right of a full bar for its value text
const ROW_H = 28;
const TOP = 30; // below the visible title
const LABEL_UNITS = 22; // ≈ 160px at 12px, counting a Latin character as 1 unit and CJK as 2
const VALUE_UNITS = 16;
const INK = "#1f2328";
const BAR = "#1f6f8b";
// Okabe–Ito hues (told apart with colour-blindness), darkened to ≥3:1 against white and the page.
const PALETTE = ["#0072b2", "#00805c", "#d55e00", "#a6527f"];
const FONT = "system-ui, 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

// Wide ranges (Hangul, CJK with its punctuation and kana, fullwidth forms, CJK Ext. B+): enough for unit names.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const units = (ch: string) => (WIDE.test(ch) ? 2 : 1);
const width = (s: string) => [...s].reduce((n, ch) => n + units(ch), 0);

/** Cuts text to `max` units with "…"; by code point, so a surrogate pair is never split. */
function fit(s: string, max: number): string {
  if (width(s) <= max) return s;
  const chars = [...s];
  let used = 1; // the ellipsis
  let i = 0;
  while (used + units(chars[i]!) <= max) used += units(chars[i++]!);
  return `${chars.slice(0, i).join("")}…`;
}

// One decimal is finer than a pixel and keeps the markup short.
const r = (n: number) => Math.round(n * 10) / 10;

/** A line of text centred on y; when cut, the full text stays in a <title> for hover. */
function text(x: number, y: number, s: string, max: number, attrs = ""): string {
  const shown = fit(s, max);
  const hover = shown === s ? "" : `<title>${escapeXml(s)}</title>`;
  return `<text x="${x}" y="${y}" dy="0.35em"${attrs}>${hover}${escapeXml(shown)}</text>`;
}

/** FNV-1a: ids stay the same across renders and differ between charts with different content. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

// role="img" hides the inner text from screen readers, so <desc> repeats the figures as a sentence.
function frame(kind: string, options: object, title: string, desc: string[], height: number, body: string): string {
  const id = `chart-${hash(kind + JSON.stringify(options))}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${kind}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d"` +
    ` viewBox="0 0 ${W} ${height}" width="100%" font-family="${FONT}" font-size="12" fill="${INK}">` +
    `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc.join("; "))}</desc>` +
    `${text(8, 14, title, 76, ' font-size="14" font-weight="600"')}${body}</svg>`
  );
}

const axis = (y1: number, y2: number) => `<line x1="${BAR_X}" y1="${y1}" x2="${BAR_X}" y2="${y2}" stroke="${INK}"/>`;
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** One bar per row on [0, max]; null (or a non-finite value) means no data: no bar, "–". */
export function horizontalBars(options: HorizontalBarsOptions): string {
  const { title, rows, max = 1, format = percent, target } = options;
  const scale = max > 0 ? BAR_W / max : 0;
  const length = (v: number) => r(scale * Math.min(Math.max(v, 0), max));
  const bottom = TOP + rows.length * ROW_H;
  const desc: string[] = [];
  let body = axis(TOP, bottom);
  rows.forEach(({ label, value, note }, i) => {
    const y = TOP + i * ROW_H;
    const v = value !== null && Number.isFinite(value) ? value : null;
    const w = v === null ? 0 : length(v);
    const shown = (v === null ? "–" : format(v)) + (note ? ` · ${note}` : "");
    desc.push(`${label}: ${shown}`);
    body +=
      text(LABEL_END, y + ROW_H / 2, label, LABEL_UNITS, ' class="label" text-anchor="end"') +
      (v === null ? "" : `<rect class="bar" x="${BAR_X}" y="${y + 5}" width="${w}" height="18" fill="${BAR}" data-value="${v}"/>`) +
      text(r(BAR_X + w + 4), y + ROW_H / 2, shown, VALUE_UNITS, ' class="value"');
  });
  if (target !== undefined && Number.isFinite(target)) {
    const x = r(BAR_X + length(target));
    body +=
      `<line class="target" data-value="${target}" x1="${x}" y1="${TOP}" x2="${x}" y2="${bottom}" stroke="${INK}"` +
      ` stroke-width="1.5" stroke-dasharray="4 3"><title>${escapeXml(format(target))}</title></line>`;
  }
  return frame("bars", options, title, desc, bottom + 8, body);
}

/** One stacked bar per row, a segment per series, scaled to the largest row total. */
export function stackedBars(options: StackedBarsOptions): string {
  const { title, series, rows } = options;
  const color = (s: number) => escapeXml(series[s]?.color ?? PALETTE[s % PALETTE.length]!);
  const data = rows.map(({ label, values }) => {
    const counts = series.map((_, s) => {
      const n = values[s] ?? 0;
      return Number.isFinite(n) && n > 0 ? n : 0;
    });
    return { label, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  const scale = BAR_W / Math.max(1, ...data.map((d) => d.total));
  let lx = 8;
  let body = series
    .map(({ label }, s) => {
      const x = lx;
      lx += 14 + Math.min(width(label), 24) * 7 + 16;
      return `<rect class="legend" x="${x}" y="${TOP + 1}" width="10" height="10" fill="${color(s)}"/>${text(x + 14, TOP + 6, label, 24)}`;
    })
    .join("");
  const top = TOP + 24;
  body += axis(top, top + rows.length * ROW_H);
  data.forEach(({ label, counts, total }, i) => {
    const y = top + i * ROW_H;
    let edge = 0; // cumulative, so rounding neither opens gaps nor changes the total length
    const segments = counts.map((n, s) => {
      if (n === 0) return "";
      const x0 = r(edge);
      edge += n * scale;
      const hover = escapeXml(`${series[s]!.label}: ${n}`);
      return `<rect class="bar" x="${r(BAR_X + x0)}" y="${y + 5}" width="${r(r(edge) - x0)}" height="18" fill="${color(s)}" stroke="#fff" data-value="${n}"><title>${hover}</title></rect>`;
    });
    body +=
      text(LABEL_END, y + ROW_H / 2, label, LABEL_UNITS, ' class="label" text-anchor="end"') +
      segments.join("") +
      text(r(BAR_X + r(edge) + 4), y + ROW_H / 2, String(Math.round(total)), VALUE_UNITS, ' class="value"');
  });
  const desc = data.map(({ label, counts }) => `${label}: ${counts.map((n, s) => `${series[s]!.label} ${n}`).join(", ")}`);
  return frame("stacked", options, title, desc, top + rows.length * ROW_H + 8, body);
}
