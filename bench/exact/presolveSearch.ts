/**
 * Searches cost-under-cap placement MILPs for HiGHS presolve's false
 * "infeasible" (docs/solvers.md, the presolve trap). For each seed: a full mesh
 * of 5 regions (bench/exact/instances.ts; 5 GPUs per region on odd seeds, 3 on
 * even ones), a 5-stage job, its min-time optimum T* (objective weighted, alpha
 * 1), then the cost objective under T ≤ T*·(1 + ε) for five ε, each solved by
 * HiGHS directly with presolve on (no retry: the trap itself). "infeasible"
 * while the min-time point satisfies the model is a false "infeasible"; the
 * table also says what HiGHS without presolve gives for it.
 *
 *   npx tsx bench/exact/presolveSearch.ts [--tries 2000] [--save DIR]
 *
 * `--save DIR` writes each false-infeasible model as DIR/false-infeasible-<seed>-<ε>.mps
 * (test/fixtures/lp/presolve-false-infeasible.mps is one such file).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildPlacementModel } from "../../src/exact/placement.js";
import { toHighsProblem } from "../../src/lp/backends/highsProblem.js";
import { toModelData } from "../../src/lp/backends/highsRun.js";
import { acquireHighs } from "../../src/lp/backends/highsRuntime.js";
import { checkSolution } from "../../src/lp/check.js";
import type { Model } from "../../src/lp/model.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import { mulberry32 } from "../../src/util/rng.js";
import { emptyView, meshJob, meshTopology } from "./instances.js";

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const TRIES = Number(arg("tries", "2000"));
const SAVE = arg("save", "");
const EPSILONS = [1e-9, 1e-7, 1e-6, 1e-12, 0];

const runtime = await acquireHighs();
const INFEASIBLE = 8;
const OPTIMAL = 7;

/** HiGHS on `model` with presolve on or off, no retry: status code, values and objective. */
function solveDirect(model: Model, presolve: boolean): { status: number; values: Float64Array | null; objective: number | null } {
  const hm = runtime.createModel(toModelData(runtime, toHighsProblem(model)));
  try {
    hm.options.set({ output_flag: false, mip_rel_gap: 0, presolve: presolve ? "on" : "off", time_limit: 60 });
    const status: number = hm.run().modelStatus;
    const values = status === OPTIMAL ? hm.getSolution().colValue : null;
    return { status, values, objective: values === null ? null : hm.getObjectiveValue() };
  } finally {
    hm.dispose();
  }
}

let tries = 0;
const found: string[] = [];
const byEpsilon = new Map<number, number>(EPSILONS.map((e) => [e, 0]));
const t0 = performance.now();
for (let seed = 1; tries < TRIES; seed++) {
  const gpus = seed % 2 === 0 ? 3 : 5;
  const view = emptyView(meshTopology(mulberry32(seed), 5, gpus));
  const job = meshJob(`j${seed}`, 5);
  const fast = buildPlacementModel(view, job, { kind: "weighted", alpha: 1 });
  if (fast === null) continue;
  const minTime = solveDirect(fast.model, true);
  if (minTime.values === null) continue;
  const tStar = minTime.values[fast.vars.iteration.index] as number;
  for (const eps of EPSILONS) {
    if (tries >= TRIES) break;
    tries++;
    const built = buildPlacementModel(view, job, { kind: "cost", maxIterationSec: tStar * (1 + eps) });
    if (built === null) continue;
    const r = solveDirect(built.model, true);
    if (r.status !== INFEASIBLE || !checkSolution(built.model, minTime.values).ok) continue;
    const off = solveDirect(built.model, false);
    byEpsilon.set(eps, (byEpsilon.get(eps) ?? 0) + 1);
    found.push(`| ${seed} | ${gpus} | ${eps} | ${tStar} | infeasible | ${off.status === OPTIMAL ? `optimal ${off.objective}` : `status ${off.status}`} |`);
    if (SAVE !== "") writeFileSync(path.join(SAVE, `false-infeasible-${seed}-${eps}.mps`), writeMps(built.model));
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`# presolve search: ${tries} cost-under-cap solves (5 regions × 5 stages), ${found.length} false "infeasible" with presolve on; ${seconds.toFixed(0)} s\n`);
console.log(`| ε | false infeasible |\n| ---: | ---: |\n${EPSILONS.map((e) => `| ${e} | ${byEpsilon.get(e) ?? 0} |`).join("\n")}\n`);
if (found.length > 0) console.log(`| seed | GPUs per region | ε | T* (s) | presolve on | presolve off |\n| ---: | ---: | ---: | ---: | --- | --- |\n${found.join("\n")}`);
