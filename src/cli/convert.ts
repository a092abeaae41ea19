/**
 * `geopipe convert IN.lp|IN.mps OUT.lp|OUT.mps`: read a model file and write it
 * in the format OUT's extension names, so any model can be handed to another
 * solver.
 */
import { isIntegral, isSemi, type Model } from "../lp/model.js";
import { UserError } from "./errors.js";
import { modelFormatOf, readModelFile, writeModelFile } from "./modelFile.js";

/** One line describing `model`'s size. */
export function describeModel(model: Model): string {
  const vars = model.variables;
  const integers = vars.filter((v) => isIntegral(v.type) && !isSemi(v.type)).length;
  const semis = vars.filter((v) => isSemi(v.type)).length;
  return `${vars.length} variables (${integers} integer${semis > 0 ? `, ${semis} semi-continuous or semi-integer` : ""}), ${model.rows.length} rows`;
}

/** Converts `input` to `output`; returns the exit code. */
export function convertCommand(input: string, output: string): number {
  if (modelFormatOf(output) === null) throw new UserError(`${output}: unknown format; the output file name must end in .lp or .mps`);
  const { model, renamed } = readModelFile(input);
  writeModelFile(output, model, "convert");
  const note = renamed.size > 0 ? `; ${renamed.size} names that LP/MPS text cannot hold were renamed (e.g. "${[...renamed][0]?.[0] ?? ""}" → "${[...renamed][0]?.[1] ?? ""}")` : "";
  const negated = modelFormatOf(output) === "mps" && model.objective.sense === "max" ? "; the maximisation is written as the minimisation of the negated objective (MPS readers disagree on OBJSENSE), so other solvers report minus the optimum" : "";
  process.stdout.write(`wrote ${output}: ${describeModel(model)}${note}${negated}\n`);
  return 0;
}
