/**
 * Gantt chart of a schedule as a standalone SVG string: one row per stage
 * (forwards and backwards in two colours, labelled with the micro-batch), a
 * thin lane between consecutive stages for each link direction's
 * transmissions (latency drawn as a dashed tail to the arrival), and a time
 * axis with ticks. Pure string building.
 */
import { stageCount, type PipelineInstance } from "./instance.js";
import { makespanSec, type Schedule } from "./schedule.js";

/** Options of {@link ganttSvg}; all optional. */
export interface GanttOptions {
  /** Title above the chart. Default: the schedule's name and makespan. */
  readonly title?: string;
  /** Width of the drawing area in px. Default 960. */
  readonly widthPx?: number;
  /** Height of a stage row in px. Default 28. */
  readonly rowPx?: number;
  /** Height of a link lane in px. Default 10. */
  readonly lanePx?: number;
  /** Forward colour. Default `"#4e79a7"`. */
  readonly forwardColor?: string;
  /** Backward colour. Default `"#f28e2b"`. */
  readonly backwardColor?: string;
  /** Transfer colour. Default `"#59a14f"`. */
  readonly transferColor?: string;
}

/** Defaults of {@link GanttOptions} (the title is derived when absent). */
export const DEFAULT_GANTT_OPTIONS: Required<Omit<GanttOptions, "title">> = {
  widthPx: 960,
  rowPx: 28,
  lanePx: 10,
  forwardColor: "#4e79a7",
  backwardColor: "#f28e2b",
  transferColor: "#59a14f",
};

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A "nice" tick step (1, 2 or 5 × 10^n) giving about `target` ticks over `span`. */
export function tickStep(span: number, target = 10): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();

/** The schedule drawn as an SVG document (a string). */
export function ganttSvg(inst: PipelineInstance, schedule: Schedule, options: GanttOptions = {}): string {
  const o = { ...DEFAULT_GANTT_OPTIONS, ...options };
  const S = stageCount(inst);
  let end = makespanSec(schedule);
  for (const t of schedule.transfers) end = Math.max(end, t.arrivalSec);
  if (!(end > 0)) end = 1;
  const title = options.title ?? `${schedule.name}: makespan ${fmt(makespanSec(schedule))} s`;
  const left = 70;
  const top = 36;
  const laneBlock = 2 * o.lanePx + 4;
  const rowY = (k: number): number => top + k * (o.rowPx + laneBlock);
  const laneY = (h: number, dir: "forward" | "backward"): number => rowY(h) + o.rowPx + 2 + (dir === "forward" ? 0 : o.lanePx);
  const axisY = rowY(S - 1) + o.rowPx + 8;
  const height = axisY + 40;
  const width = left + o.widthPx + 20;
  const X = (t: number): number => left + (t / end) * o.widthPx;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  );
  for (let k = 0; k < S; k++) {
    parts.push(
      `<text x="${left - 8}" y="${fmt(rowY(k) + o.rowPx / 2 + 4)}" text-anchor="end">stage ${k}</text>`,
      `<rect x="${left}" y="${rowY(k)}" width="${o.widthPx}" height="${o.rowPx}" fill="#f4f4f4"/>`,
    );
  }
  for (let h = 0; h < S - 1; h++) {
    parts.push(
      `<text x="${left - 8}" y="${fmt(laneY(h, "forward") + o.lanePx - 2)}" text-anchor="end" font-size="8">act ↓</text>`,
      `<text x="${left - 8}" y="${fmt(laneY(h, "backward") + o.lanePx - 2)}" text-anchor="end" font-size="8">grad ↑</text>`,
    );
  }
  for (const op of schedule.ops) {
    const x = X(op.startSec);
    const w = Math.max(X(op.endSec) - x, 0.5);
    const fill = op.kind === "F" ? o.forwardColor : o.backwardColor;
    parts.push(
      `<rect class="op op-${op.kind}" x="${fmt(x)}" y="${rowY(op.stage)}" width="${fmt(w)}" height="${o.rowPx}" fill="${fill}" stroke="white" stroke-width="0.5"><title>${op.kind}(${op.stage},${op.microBatch}) ${fmt(op.startSec)}–${fmt(op.endSec)} s</title></rect>`,
    );
    if (w >= 14) {
      parts.push(`<text x="${fmt(x + w / 2)}" y="${fmt(rowY(op.stage) + o.rowPx / 2 + 4)}" text-anchor="middle" fill="white">${op.kind}${op.microBatch}</text>`);
    }
  }
  for (const t of schedule.transfers) {
    const y = laneY(t.hop, t.direction);
    const x = X(t.startSec);
    const w = Math.max(X(t.endSec) - x, 0.5);
    parts.push(
      `<rect class="transfer transfer-${t.direction}" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${o.lanePx - 1}" fill="${o.transferColor}"><title>${t.direction} hop ${t.hop} m${t.microBatch}: ${fmt(t.startSec)}–${fmt(t.endSec)} s, arrives ${fmt(t.arrivalSec)} s</title></rect>`,
    );
    if (t.arrivalSec > t.endSec) {
      const ly = fmt(y + (o.lanePx - 1) / 2);
      parts.push(`<line x1="${fmt(X(t.endSec))}" y1="${ly}" x2="${fmt(X(t.arrivalSec))}" y2="${ly}" stroke="${o.transferColor}" stroke-dasharray="2,2"/>`);
    }
  }
  const step = tickStep(end);
  parts.push(`<line x1="${left}" y1="${axisY}" x2="${left + o.widthPx}" y2="${axisY}" stroke="black"/>`);
  for (let i = 0; i * step <= end * (1 + 1e-12); i++) {
    const t = i * step;
    const x = fmt(X(t));
    parts.push(
      `<line class="tick" x1="${x}" y1="${axisY}" x2="${x}" y2="${axisY + 5}" stroke="black"/>`,
      `<text x="${x}" y="${axisY + 17}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  parts.push(`<text x="${left + o.widthPx / 2}" y="${axisY + 32}" text-anchor="middle">time (s)</text>`, `</svg>`);
  return parts.join("\n");
}
