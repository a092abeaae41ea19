/**
 * Nearest first fit on NSFNET with the default DCs and request stream
 * (docs/cba.md "Figures"): 2000 requests per run, seeds 1–3, plus one heavier
 * stream (2 arrivals/s, A ∈ {32, 64, 128} MB, t_f ∈ {0.5, 1, 2} ms) on seed 1.
 * Every run's records and metrics pass `verifyRun`; prints a Markdown table
 * (with how many cross-DC hops are communication-bound).
 *
 *   npx tsx experiments/cba/firstFit.ts
 */
import { nearestFirstFit } from "../../src/cba/nearestFirstFit.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests, type RequestStreamOptions } from "../../src/cba/request.js";
import { simulate } from "../../src/cba/simulate.js";
import { verifyRun } from "../../src/cba/verify.js";
import { mulberry32 } from "../../src/util/rng.js";

const network = nsfnet();
const heavy: RequestStreamOptions = { arrivalRatePerSec: 2, activationMbChoices: [32, 64, 128], forwardMsChoices: [0.5, 1, 2] };
const scenarios: Array<[string, number, RequestStreamOptions]> = [
  ["defaults, seed 1", 1, {}],
  ["defaults, seed 2", 2, {}],
  ["defaults, seed 3", 3, {}],
  ["rate 2/s, A ∈ {32,64,128} MB, t_f ∈ {0.5,1,2} ms, seed 1", 1, heavy],
];
const lines = [
  "| scenario | blocking | by reason | mean T (ms) | comm-bound share | bound / cross-DC hops | spectrum use | verifier |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
];
for (const [name, seed, stream] of scenarios) {
  const { records, metrics: m } = simulate(network, generateRequests(network.nodes, mulberry32(seed), { count: 2000, ...stream }), nearestFirstFit());
  const check = verifyRun(network, records, m);
  const reasons = [["GPUs", m.blockedByReason.no_gpus], ["spectrum", m.blockedByReason.no_spectrum], ["out of reach", m.blockedByReason.out_of_reach], ["policy error", m.blockedByReason.policy_error]] as const;
  const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)} %`;
  let hops = 0;
  let bound = 0;
  for (const r of records) {
    if (r.status !== "accepted") continue;
    hops += r.transfers.length;
    bound += r.transfers.filter((t) => r.communicationBoundStages.includes(t.hop)).length;
  }
  lines.push(`| ${name} | ${pct(m.blockingRate)} | ${reasons.filter(([, n]) => n > 0).map(([r, n]) => `${n} ${r}`).join(", ") || "none"} | ${m.meanIterationTimeMs?.toFixed(1) ?? "n/a"} | ${pct(m.commBoundShare)} | ${bound} / ${hops} | ${pct(m.spectrumUtilisation)} | ${check.ok ? "ok" : `${check.violations.length} violations`} |`);
  if (!check.ok) process.exitCode = 1;
}
process.stdout.write(`${lines.join("\n")}\n`);
