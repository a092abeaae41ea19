/**
 * A scenario where spectrum binds more than GPUs: ten DCs of 16 GPUs (two
 * 8-GPU stages each, so most pipelines must cross DCs) and larger rate
 * demands than the defaults (A ∈ {32, 64} MB, t_f ∈ {1, 2} ms → A·8/(3·t_f) =
 * 42.7–171 Gbit/s per hop).
 *
 * `slots` shrinks the grid of every fibre (80 by default) to make spectrum scarce.
 *
 * `timeLimit` is the per-request ILP limit in seconds (1 by default; on a
 * loaded machine a short limit makes the ILP policies answer with first
 * fit's decision often: see the table's "first-fit answers/run").
 *
 *   npx tsx experiments/cba/spectrumBound.ts [loads=4,8] [seeds=2] [requests=150] [out=experiments/cba/out-spectrum] [slots=80] [timeLimit=1]
 */
import { nsfnet } from "../../src/cba/nsfnet.js";
import { runSweep } from "../../src/cba/sweep.js";
import { sweepProblems, writeSweepReport } from "../../src/cli/cbaCommand.js";
import { highs, shutdownHighs } from "../../src/lp/backends/highs.js";

const [loads = "4,8", seeds = "2", requests = "150", out = "experiments/cba/out-spectrum", slots = "80", timeLimit = "1"] = process.argv.slice(2);
const network = nsfnet({ slotsPerFibre: Number(slots), datacenters: ["1", "2", "3", "4", "5", "6", "8", "10", "12", "13"].map((node) => ({ id: `dc${node}`, node, gpus: 16 })) });
try {
  const runs = await runSweep(network, highs, {
    loadsErlang: loads.split(",").map(Number),
    seeds: Array.from({ length: Number(seeds) }, (_, i) => i + 1),
    requests: Number(requests),
    timeLimitSec: Number(timeLimit),
    stream: { gpusPerStageChoices: [8], activationMbChoices: [32, 64], forwardMsChoices: [1, 2] },
    onRun: (r, done, total) => process.stderr.write(`[${done}/${total}] load ${r.loadErlang} seed ${r.seed} ${r.method}: blocking ${(100 * r.metrics.blockingRate).toFixed(1)} % ${JSON.stringify(r.metrics.blockedByReason)}, ${(r.wallMs / 1000).toFixed(1)} s, verified ${r.verified}\n`),
  });
  const report = writeSweepReport(runs, out);
  process.stdout.write(report.markdown);
  const problems = sweepProblems(runs, report.tableCheck);
  if (problems !== null) {
    process.stderr.write(`spectrumBound: ${problems}\n`);
    process.exitCode = 1;
  }
} finally {
  await shutdownHighs();
}
