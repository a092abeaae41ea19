/**
 * Model files on the command line: reading an LP or MPS file (format from the
 * extension) and writing one, with every failure a one-line {@link UserError}
 * that names the file. Used by `geopipe solve` and `geopipe convert`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { readLp } from "../lp/lpReader.js";
import { writeLp } from "../lp/lpWriter.js";
import { ModelError, type Model } from "../lp/model.js";
import { readMps } from "../lp/mpsReader.js";
import { writeMps } from "../lp/mpsWriter.js";
import { ParseError } from "../lp/parseError.js";
import { UserError } from "./errors.js";

/** Text format of a model file, from its extension; null when it is neither. */
export function modelFormatOf(file: string): "lp" | "mps" | null {
  const lower = file.toLowerCase();
  return lower.endsWith(".lp") ? "lp" : lower.endsWith(".mps") ? "mps" : null;
}

/** Writes `model` to `file` as LP or MPS (free) text; `format` defaults to the extension's. */
export function writeModelFile(file: string, model: Model, flag: string, format = modelFormatOf(file)): void {
  if (format === null) throw new UserError(`${flag}: ${file}: unknown format; the file name must end in .lp or .mps`);
  let text: string;
  try {
    text = format === "lp" ? writeLp(model) : writeMps(model);
  } catch (e) {
    if (e instanceof ModelError) throw new UserError(`${flag}: cannot write ${file}: ${e.message}`);
    throw e;
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UserError(`${flag}: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Reads an LP or MPS file into a model; format from the extension (`.lp`, `.mps`, `.mps.txt`, `.qps` not supported). */
export function readModelFile(file: string): { model: Model; originalName: (safe: string) => string; renamed: ReadonlyMap<string, string> } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}; pass the path of an .lp or .mps file`);
  }
  const format = modelFormatOf(file);
  if (format === null) throw new UserError(`${file}: unknown format; the file name must end in .lp or .mps`);
  try {
    const { model, renamed } = format === "lp" ? readLp(text) : readMps(text);
    const back = new Map([...renamed].map(([orig, safe]) => [safe, orig]));
    return { model, originalName: (safe) => back.get(safe) ?? safe, renamed };
  } catch (e) {
    if (e instanceof ParseError) throw new UserError(`${file}:${e.line}: ${e.detail}`);
    if (e instanceof ModelError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}

