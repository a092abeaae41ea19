/** Reusable report writers: tables (Markdown, LaTeX, CSV), mean ± std, SVG plots (re-exports only). */
export * from "./table.js";
export * from "./tableOps.js";
export * from "./html.js";
export * from "./meanStd.js";
export * from "./svgAxes.js";
export * from "./svgLinePlot.js";
export * from "./svgBarPlot.js";
export * from "./svgMarkers.js";
export * from "./svgCategoryAxis.js";
export * from "./svgImages.js";
