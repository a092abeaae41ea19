/**
 * Category labels under a bar plot that never overlap: each label wrapped at
 * its spaces onto lines under its group when the groups are wide enough,
 * else written along a 45° slant (labels spaced by at least one line
 * height); the plot widens so every group has room for its bars and label.
 */
import { LINE_PX, textWidthPx, type PlotArea } from "./svgAxes.js";
import { escapeXml, px } from "./svgNumbers.js";

/** Widest plot area for horizontal (wrapped) labels before they are slanted instead, px. */
export const MAX_WRAPPED_AREA_PX = 900;

/** How the category labels are laid out. */
export interface CategoryAxis {
  /** Narrowest plot-area width that fits every group, px. */
  readonly minAreaWidthPx: number;
  /** Height taken below the x axis, px. */
  readonly labelsPx: number;
  /** Left margin the first (slanted) label reaches into, px. */
  readonly minLeftPx: number;
  /** The tick marks and labels for a laid-out plot area. */
  readonly draw: (area: PlotArea) => string[];
}

/** Lays out `categories` for groups of `bars` bars each, in a plot area of at least `areaPx`. */
export function categoryAxis(categories: readonly string[], bars: number, areaPx: number): CategoryAxis {
  const n = Math.max(1, categories.length);
  const barsPx = (Math.max(1, bars) * 5) / 0.8; // at least 5 px per bar (bars fill 80 % of a group)
  const lines = categories.map((c) => c.split(" ").filter((w) => w.length > 0));
  const wrappedPx = Math.max(0, ...lines.flat().map((w) => textWidthPx(w))) + 8;
  const slant = n * Math.max(wrappedPx, barsPx) > Math.max(MAX_WRAPPED_AREA_PX, areaPx);
  const groupPx = slant ? Math.max(barsPx, LINE_PX * Math.SQRT2 + 2) : Math.max(barsPx, wrappedPx);
  const maxLines = Math.max(1, ...lines.map((l) => l.length));
  const longest = Math.max(0, ...categories.map((c) => textWidthPx(c)));
  const labelsPx = slant ? Math.ceil(longest * Math.SQRT1_2 + LINE_PX + 10) : 8 + maxLines * LINE_PX;
  const first = textWidthPx(categories[0] ?? "");
  return {
    minAreaWidthPx: Math.ceil(n * groupPx),
    labelsPx,
    minLeftPx: slant ? Math.ceil(first * Math.SQRT1_2 - groupPx / 2 + 10) : 0,
    draw: (area) => {
      const g = (area.right - area.left) / n;
      return categories.flatMap((cat, j) => {
        const x = area.left + g * (j + 0.5);
        const tick = `<line x1="${px(x)}" y1="${area.bottom}" x2="${px(x)}" y2="${area.bottom + 5}" stroke="black"/>`;
        if (slant) {
          const y = area.bottom + 14;
          return [tick, `<text x="${px(x + 4)}" y="${y}" text-anchor="end" transform="rotate(-45 ${px(x + 4)} ${y})">${escapeXml(cat)}</text>`];
        }
        const spans = (lines[j] ?? []).map((w, k) => `<tspan x="${px(x)}" y="${area.bottom + 18 + k * LINE_PX}">${escapeXml(w)}</tspan>`);
        return [tick, `<text text-anchor="middle">${spans.join("")}</text>`];
      });
    },
  };
}
