/**
 * `geopipe inspect`: validate an instance and print what the cost model says
 * about it — regions, links, and each job's iteration time and electricity
 * cost when all its stages run in one region (every region that can host it).
 */
import { loadInstance } from "../model/instance.js";
import { DEFAULT_GPUS_PER_NODE, type Region } from "../model/types.js";
import { evaluatePlacement } from "../cost/evaluate.js";
import { fmt, textTable } from "./table.js";

/** Options of the `inspect` command. */
export interface InspectOptions {
  readonly topology: string;
  readonly workload: string;
  readonly models: string;
}

function meanPriceUsdPerKwh(r: Region): number {
  if (r.price.kind === "constant") return r.price.usdPerKwh;
  const s = r.price.usdPerKwh;
  return s.reduce((a, b) => a + b, 0) / s.length;
}

/** Prints the instance summary; returns the exit code. */
export async function inspectCommand(opts: InspectOptions): Promise<number> {
  const inst = loadInstance({ topologyPath: opts.topology, workloadPath: opts.workload, modelsDir: opts.models });
  const { topology, workload, models } = inst;
  const out: string[] = [];
  out.push(`topology ${topology.name}: ${topology.regions.length} regions, ${topology.links.length} links`);
  out.push(
    textTable(
      ["region", "cloud region", "GPUs", "GPUs/node", "GPU type", "PUE", "price USD/kWh"],
      topology.regions.map((r) => [r.id, r.cloudRegion, r.gpus, r.gpusPerNode ?? DEFAULT_GPUS_PER_NODE, r.gpu.name, r.pue, meanPriceUsdPerKwh(r)]),
    ),
  );
  out.push("");
  out.push(
    textTable(
      ["link", "capacity Gbit/s", "per node pair Gbit/s", "latency ms"],
      topology.links.map((l) => [`${l.a} - ${l.b}`, l.bandwidthGbps, l.perNodePairGbps ?? "= capacity", l.latencyMs]),
    ),
  );
  out.push("");
  out.push(`workload ${workload.name}: ${workload.jobs.length} jobs; cost of each job run entirely in one region (— where it does not fit)`);
  const rows: Array<Array<string | number>> = [];
  for (const job of workload.jobs) {
    const model = models.get(job.model);
    if (model === undefined) continue; // loadInstance has already rejected unknown models
    let best: { region: string; iterationSec: number; runtimeSec: number; costUsd: number } | null = null;
    const costs: string[] = [];
    for (const r of topology.regions) {
      if (r.gpus < job.stages * job.gpusPerStage) {
        costs.push("—");
        continue;
      }
      const e = evaluatePlacement(topology, model, job, Array(job.stages).fill(r.id), { startSec: job.arrivalSec });
      if (!e.ok) throw new Error(e.error.message); // the instance was validated: this is a bug, not a user error
      costs.push(fmt(e.value.costUsd));
      if (best === null || e.value.costUsd < best.costUsd) {
        best = { region: r.id, iterationSec: e.value.iterationSec, runtimeSec: e.value.runtimeSec, costUsd: e.value.costUsd };
      }
    }
    rows.push([
      job.id,
      job.model,
      `${job.stages}x${job.gpusPerStage}`,
      ...costs,
      best?.region ?? "none",
      best === null ? "—" : fmt(best.iterationSec),
      best === null ? "—" : fmt(best.runtimeSec / 3600),
    ]);
  }
  out.push(
    textTable(
      ["job", "model", "SxG", ...topology.regions.map((r) => `${r.id} USD`), "cheapest", "T s", "runtime h"],
      rows,
    ),
  );
  for (const w of inst.warnings) out.push(`warning: ${w.file}: ${w.path}: ${w.message}`);
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}
