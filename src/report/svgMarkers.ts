/**
 * How the series of a plot tell apart: a colour-blind-safe palette
 * (Okabe–Ito, grey for its yellow), a marker shape and a dash pattern per series. Shapes and
 * colours cycle with different periods (7 and 8), so the first 56 series all
 * differ. Markers are hollow, and a marker drawn where earlier ones already
 * are is drawn larger (see svgLinePlot.ts), so several series at one point
 * show as nested outlines; nothing is jittered (positions are the data).
 */
import { px } from "./svgNumbers.js";

/** Series colours, in order: Okabe–Ito (colour-blind safe), with a mid grey in place of its yellow, which is too pale on white. */
export const PALETTE: readonly string[] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

/** Marker shapes, in order. */
export const MARKER_SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross"] as const;

/** A marker shape. */
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** Line dash patterns (`stroke-dasharray`; "" = solid), in order. */
export const DASHES: readonly string[] = ["", "7 3", "2 2", "9 3 2 3"];

/** How one series is drawn. */
export interface LineStyle {
  /** Stroke colour. */
  readonly colour: string;
  /** Marker shape. */
  readonly shape: MarkerShape;
  /** Dash pattern ("" = solid). */
  readonly dash: string;
}

/** The colour of series `i` (cycling through {@link PALETTE}). */
export function colour(i: number): string {
  return PALETTE[i % PALETTE.length] ?? "#000000";
}

/** The style of series `i`. */
export function seriesStyle(i: number): LineStyle {
  return { colour: colour(i), shape: MARKER_SHAPES[i % MARKER_SHAPES.length] ?? "circle", dash: DASHES[i % DASHES.length] ?? "" };
}

/** A hollow marker of `style` centred at (x, y), about 2 × `sizePx` across (default 10 px). */
export function marker(style: LineStyle, x: number, y: number, sizePx = 5): string {
  const r = sizePx;
  const stroke = `fill="none" stroke="${style.colour}" stroke-width="1.6"`;
  const poly = (pts: ReadonlyArray<readonly [number, number]>): string => `<polygon points="${pts.map(([a, b]) => `${px(x + a)},${px(y + b)}`).join(" ")}" ${stroke}/>`;
  switch (style.shape) {
    case "circle":
      return `<circle cx="${px(x)}" cy="${px(y)}" r="${px(r * 0.9)}" ${stroke}/>`;
    case "square":
      return `<rect x="${px(x - r * 0.8)}" y="${px(y - r * 0.8)}" width="${px(r * 1.6)}" height="${px(r * 1.6)}" ${stroke}/>`;
    case "triangle":
      return poly([[0, -r * 1.1], [r, r * 0.75], [-r, r * 0.75]]);
    case "triangle-down":
      return poly([[0, r * 1.1], [r, -r * 0.75], [-r, -r * 0.75]]);
    case "diamond":
      return poly([[0, -r * 1.2], [r, 0], [0, r * 1.2], [-r, 0]]);
    case "plus":
      return `<path d="M${px(x - r)} ${px(y)}H${px(x + r)}M${px(x)} ${px(y - r)}V${px(y + r)}" fill="none" stroke="${style.colour}" stroke-width="2"/>`;
    case "cross":
      return `<path d="M${px(x - r * 0.8)} ${px(y - r * 0.8)}L${px(x + r * 0.8)} ${px(y + r * 0.8)}M${px(x - r * 0.8)} ${px(y + r * 0.8)}L${px(x + r * 0.8)} ${px(y - r * 0.8)}" fill="none" stroke="${style.colour}" stroke-width="2"/>`;
  }
}
