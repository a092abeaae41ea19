/**
 * Which objective each reader gets from geopipe's LP and MPS exports: geopipe's
 * HiGHS backend on the model itself, then native CBC and glpsol on the written
 * files (bench/solvers/native.ts), for the models of exportModels.ts.
 *
 *   npx tsx bench/solvers/nativeReaders.ts [--writers DIR]
 *
 * `--writers DIR` takes `lpWriter.ts` and `mpsWriter.ts` from another checkout's
 * `src/lp` (e.g. an older commit's), to show what its files gave. A
 * maximisation's MPS file minimises −f (mpsWriter.ts), so its MPS columns show
 * minus the optimum; "error" is a file the reader refused.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";
import type { Model } from "../../src/lp/model.js";
import { writeLp as currentLp } from "../../src/lp/lpWriter.js";
import { writeMps as currentMps } from "../../src/lp/mpsWriter.js";
import { exportModels } from "./exportModels.js";
import { available, solveNative, tempFile, versionOf, type NativeSolver } from "./native.js";

const i = process.argv.indexOf("--writers");
const dir = i >= 0 ? process.argv[i + 1] : undefined;
type Writer = (m: Model) => string;
let writeLp: Writer = currentLp;
let writeMps: Writer = currentMps;
if (dir !== undefined) {
  writeLp = ((await import(pathToFileURL(path.resolve(dir, "lpWriter.ts")).href)) as { writeLp: Writer }).writeLp;
  writeMps = ((await import(pathToFileURL(path.resolve(dir, "mpsWriter.ts")).href)) as { writeMps: Writer }).writeMps;
}
const solvers = (["cbc", "glpsol"] as NativeSolver[]).filter(available);
console.log(`# native readers: ${solvers.map((s) => `${s} ${versionOf(s)}`).join(", ") || "none installed"}; writers: ${dir ?? "this checkout"}\n`);
console.log(`| model | constant | geopipe (HiGHS) | ${solvers.flatMap((s) => [`${s} LP`, `${s} MPS`]).join(" | ")} |`);
console.log(`| --- | ---: | ---: | ${solvers.flatMap(() => ["---:", "---:"]).join(" | ")} |`);
const fmt = (x: number | null): string => (x === null ? "error" : String(Number(x.toPrecision(9))));
for (const { label, model } of await exportModels()) {
  const ref = await highs.solve(model);
  const cells = solvers.flatMap((s) =>
    (["lp", "mps"] as const).map((ext) => {
      const got = solveNative(s, tempFile(`${label}.${ext}`, ext === "lp" ? writeLp(model) : writeMps(model)));
      return got.status === "optimal" ? fmt(got.objective) : got.objective === null ? "error" : `${got.status} ${fmt(got.objective)}`;
    }),
  );
  console.log(`| ${label} (${model.objective.sense}) | ${model.objective.constant} | ${fmt(ref.objective)} | ${cells.join(" | ")} |`);
}
await shutdownHighs();
