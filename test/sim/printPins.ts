/**
 * Prints the pin table of `recordPins.test.ts` for every registered
 * scheduler on the code of the checkout it runs in (re-pin only in a commit
 * of its own that says on which code the pins were recorded):
 *
 *   npx tsx test/sim/printPins.ts [scheduler ...]
 */
import { SCHEDULER_NAMES, getScheduler } from "../../src/schedulers.js";
import { simulate } from "../../src/sim/simulate.js";
import { jobsCsvHash, PINNED_RUNS } from "./pinnedRuns.js";

const names = process.argv.length > 2 ? process.argv.slice(2) : [...SCHEDULER_NAMES];
for (const name of names) {
  console.log(`  "${name}": {`);
  for (const run of PINNED_RUNS) {
    const result = simulate(run.input(), getScheduler(name));
    console.log(`    "${run.name}": "${jobsCsvHash(result.records)} policyErrors=${result.summary.policyErrors}",`);
  }
  console.log("  },");
}
