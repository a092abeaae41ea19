/**
 * Does imposing in-order processing lose optimality? (not a test)
 *   npx tsx test/crosspipe/inOrderCheck.ts [instances=40] [maxMicroBatches=4] [seed=7]
 * Solves each random instance (S 2–4) with the general and the in-order MILP
 * and reports any instance where in-order is worse, plus solve times.
 */
import fc from "fast-check";
import { greedy } from "../../src/crosspipe/greedy.js";
import { milp } from "../../src/crosspipe/milp.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { createHighsBackend, shutdownHighs } from "../../src/lp/backends/highs.js";
import { instanceArb } from "./arbitraries.js";

const n = Number(process.argv[2] ?? 40);
const maxMicroBatches = Number(process.argv[3] ?? 4);
const seed = Number(process.argv[4] ?? 7);
const backend = createHighsBackend({ mode: "inline" });
let inOrderWorse = 0;
let notOptimal = 0;
let invalid = 0;
let milpBeatsGreedy = 0;
const ms = { general: [] as number[], inOrder: [] as number[] };
for (const inst of fc.sample(instanceArb({ maxStages: 4, maxMicroBatches }), { numRuns: n, seed })) {
  const general = await milp(inst, { backend, timeLimitSec: 60 });
  const inOrder = await milp(inst, { backend, inOrder: true, timeLimitSec: 60 });
  ms.general.push(general.solveMs);
  ms.inOrder.push(inOrder.solveMs);
  if (general.status !== "optimal" || inOrder.status !== "optimal") notOptimal++;
  if (verifySchedule(inst, general.schedule).length + verifySchedule(inst, inOrder.schedule).length > 0) invalid++;
  if (general.makespanSec < makespanSec(greedy(inst)) - 1e-9) milpBeatsGreedy++;
  if (inOrder.makespanSec > general.makespanSec + 1e-6) {
    inOrderWorse++;
    console.log("in-order worse:", JSON.stringify(inst), inOrder.makespanSec, general.makespanSec);
  }
}
const stat = (xs: number[]): string => `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
console.log({ instances: n, maxMicroBatches, seed, inOrderWorse, notOptimal, invalid, milpBeatsGreedy, general: stat(ms.general), inOrder: stat(ms.inOrder) });
await shutdownHighs();
