/**
 * PNG and PDF copies of an SVG plot, rendered offline in this process:
 * PNG by resvg (`@resvg/resvg-js`, a prebuilt native binary), PDF as vector
 * graphics by PDFKit with `svg-to-pdfkit`. Text uses DejaVu Sans when a copy
 * is installed (Debian's fonts-dejavu-core; the same font the SVG names
 * first), else the system's sans-serif font for PNG and PDFKit's built-in
 * Helvetica for PDF (which lacks glyphs outside Latin-1, such as "−" or "≥").
 * The same SVG gives the same bytes on the same machine (the PDF's dates are fixed).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";

/** Where DejaVu Sans is looked for, in order. */
export const DEJAVU_SANS_PATHS: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/local/share/fonts/DejaVuSans.ttf",
  "/Library/Fonts/DejaVuSans.ttf",
];

/** The DejaVu Sans file used for text, or null when none is installed. */
export function dejavuSans(): string | null {
  return DEJAVU_SANS_PATHS.find((p) => existsSync(p)) ?? null;
}

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /** Pixels per SVG unit; default 2 (sharp on high-density screens and in print). */
  readonly scale?: number;
}

/** Defaults of {@link PngOptions}. */
export const DEFAULT_PNG_OPTIONS: Required<PngOptions> = { scale: 2 };

/** The SVG rendered to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const o = { ...DEFAULT_PNG_OPTIONS, ...options };
  const font = dejavuSans();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: o.scale },
    font: font === null ? { loadSystemFonts: true, defaultFontFamily: "sans-serif" } : { loadSystemFonts: false, fontFiles: [font], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

/** The slice of PDFKit used here. */
interface PdfDoc {
  registerFont(name: string, src: string): void;
  end(): void;
  read(): Buffer | null;
}

type PdfDocCtor = new (options: object) => PdfDoc;
type SvgToPdfKit = (doc: PdfDoc, svg: string, x: number, y: number, options: object) => void;

const require = createRequire(import.meta.url);

/** The size an SVG declares (`width`/`height` of the root), px; 640 × 400 when absent. */
function svgSize(svg: string): { readonly width: number; readonly height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const num = (name: string, fallback: number): number => Number(new RegExp(`\\b${name}="([0-9.]+)"`).exec(root)?.[1] ?? fallback);
  return { width: num("width", 640), height: num("height", 400) };
}

/** The SVG as a one-page vector PDF of the same size (1 px = 1 pt). */
export function svgToPdf(svg: string): Buffer {
  const PDFDocument = require("pdfkit") as PdfDocCtor;
  const SVGtoPDF = require("svg-to-pdfkit") as SvgToPdfKit;
  const { width, height } = svgSize(svg);
  const fixed = new Date(Date.UTC(2000, 0, 1));
  const doc = new PDFDocument({ size: [width, height], margin: 0, compress: true, info: { Producer: "geopipe", Creator: "geopipe", CreationDate: fixed, ModDate: fixed } });
  const font = dejavuSans();
  if (font !== null) doc.registerFont("DejaVuSans", font);
  SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: true, fontCallback: () => (font === null ? "Helvetica" : "DejaVuSans") });
  doc.end();
  const chunks: Buffer[] = [];
  for (let c = doc.read(); c !== null; c = doc.read()) chunks.push(c); // PDFKit has pushed the whole file by end(): read it synchronously
  return Buffer.concat(chunks);
}
