/**
 * How often each greedy rule alone is worse than the baselines (not a test):
 *   npx tsx test/crosspipe/greedyStats.ts [instances=2000] [seed=1]
 * Random instances as in the property tests but larger (S 2–6, M 2–8).
 */
import fc from "fast-check";
import { gpipe } from "../../src/crosspipe/gpipe.js";
import { greedyRule, GREEDY_RULES } from "../../src/crosspipe/greedy.js";
import { oneFOneB } from "../../src/crosspipe/oneFOneB.js";
import { makespanSec } from "../../src/crosspipe/schedule.js";
import { verifySchedule } from "../../src/crosspipe/verify.js";
import { instanceArb } from "./arbitraries.js";

const n = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const counts: Record<string, number> = {};
const bump = (key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};
let invalid = 0;
for (const inst of fc.sample(instanceArb({ maxStages: 6, maxMicroBatches: 8 }), { numRuns: n, seed })) {
  const g = makespanSec(gpipe(inst));
  const o = makespanSec(oneFOneB(inst));
  const spans = GREEDY_RULES.map((r) => {
    const s = greedyRule(inst, r);
    if (verifySchedule(inst, s).length > 0) invalid++;
    return makespanSec(s);
  });
  GREEDY_RULES.forEach((r, i) => {
    const x = spans[i]!;
    if (x > Math.max(g, o) + 1e-9) bump(`${r} > max(gpipe, 1f1b)`);
    if (x > Math.min(g, o) + 1e-9) bump(`${r} > min(gpipe, 1f1b)`);
    if (x < Math.min(g, o) - 1e-9) bump(`${r} < min(gpipe, 1f1b)`);
  });
  const bestRule = Math.min(...spans);
  if (bestRule > Math.min(g, o) + 1e-9) bump("best rule > min(gpipe, 1f1b)");
}
console.log({ instances: n, seed, invalid, ...counts });
