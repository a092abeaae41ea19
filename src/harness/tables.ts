/**
 * Paper-style tables from cell records: the main comparison (mean JCT, total
 * electricity cost, the reference scheduler's reduction against each
 * baseline), the ablation table, the optimality-gap table, the failures, and
 * a separate wall-time table. Pure and deterministic: records are grouped and
 * sorted by their parameters, never by completion order, so the same results
 * give byte-identical tables (docs/harness.md defines every column).
 */
import { meanStdCell, meanStdOf } from "../report/meanStd.js";
import type { Cell, Table } from "../report/table.js";
import { SCHEDULER_NAMES } from "../schedulers.js";
import { workloadLabel } from "./cells.js";
import type { CellRecord, OkRecord } from "./results.js";

/** Which schedulers play which role in the tables. */
export interface TableRoles {
  /** The scheduler reductions are measured for; default "bace". */
  readonly reference?: string;
  /** Rows that get reduction columns; default every non-ablation scheduler but the reference. */
  readonly baselines?: readonly string[];
  /** Rows of the ablation table; default schedulers named `<reference>-no-*`. */
  readonly ablations?: readonly string[];
}

/** Defaults of {@link TableRoles} (the lists are derived from the records when absent). */
export const DEFAULT_TABLE_ROLES = { reference: "bace" } as const;

/** One scenario: everything but scheduler and seed. */
export interface Scenario {
  /** Stable key. */
  readonly key: string;
  /** Topology label ({@link topologyLabel}). */
  readonly topology: string;
  /** Workload label. */
  readonly workload: string;
  /** Link-capacity factor. */
  readonly bandwidthScale: number;
  /** Load factor. */
  readonly load: number;
}

/** Records grouped by scenario, then scheduler, then seed. */
export interface Grouped {
  /** Scenarios in sorted order. */
  readonly scenarios: readonly Scenario[];
  /** Schedulers in table order (registry order, then others alphabetically). */
  readonly schedulers: readonly string[];
  /** Record of (scenario key, scheduler, seed). */
  readonly at: (scenario: string, scheduler: string, seed: number) => CellRecord | undefined;
  /** Seeds of a scenario, ascending. */
  readonly seeds: (scenario: string) => readonly number[];
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Short label of a topology file for tables: leading `./` and `../` and the `.json` ending dropped. */
export function topologyLabel(file: string): string {
  return file.replace(/\\/g, "/").replace(/^(\.\.?\/)+/, "").replace(/\.json$/, "");
}

function scenarioOf(r: CellRecord): Scenario {
  const s = r.spec;
  const workload = workloadLabel(s.workload);
  const topology = topologyLabel(s.topology);
  return { key: JSON.stringify([topology, workload, s.bandwidthScale, s.load]), topology, workload, bandwidthScale: s.bandwidthScale, load: s.load };
}

/** Groups records (the last record of an id wins). */
export function groupRecords(records: readonly CellRecord[]): Grouped {
  const scenarios = new Map<string, Scenario>();
  const cells = new Map<string, CellRecord>();
  const seeds = new Map<string, Set<number>>();
  const names = new Set<string>();
  for (const r of records) {
    const sc = scenarioOf(r);
    scenarios.set(sc.key, sc);
    cells.set(JSON.stringify([sc.key, r.spec.scheduler, r.spec.seed]), r);
    names.add(r.spec.scheduler);
    const set = seeds.get(sc.key) ?? new Set<number>();
    set.add(r.spec.seed);
    seeds.set(sc.key, set);
  }
  const order = SCHEDULER_NAMES as readonly string[];
  const rank = (n: string): number => (order.includes(n) ? order.indexOf(n) : order.length);
  return {
    scenarios: [...scenarios.values()].sort((a, b) => cmp(a.topology, b.topology) || cmp(a.workload, b.workload) || cmp(a.bandwidthScale, b.bandwidthScale) || cmp(a.load, b.load)),
    schedulers: [...names].sort((a, b) => rank(a) - rank(b) || cmp(a, b)),
    at: (sc, name, seed) => cells.get(JSON.stringify([sc, name, seed])),
    seeds: (sc) => [...(seeds.get(sc) ?? [])].sort((a, b) => a - b),
  };
}

/** Roles with every default resolved against the schedulers present. */
export function resolveRoles(roles: TableRoles, schedulers: readonly string[]): Required<TableRoles> {
  const reference = roles.reference ?? DEFAULT_TABLE_ROLES.reference;
  const ablations = roles.ablations ?? schedulers.filter((s) => s.startsWith(`${reference}-no-`));
  const baselines = roles.baselines ?? schedulers.filter((s) => s !== reference && !ablations.includes(s));
  return { reference, baselines, ablations };
}

const ok = (r: CellRecord | undefined): r is OkRecord => r !== undefined && r.status === "ok";
/** The scenario columns of a row. */
export const scenarioCells = (s: Scenario): string[] => [s.topology, s.workload, String(s.bandwidthScale), String(s.load)];
/** Headers of the scenario columns every table starts with. */
export const SCENARIO_HEADER = ["topology", "workload", "bandwidth scale", "load scale"] as const;

/** Column keys of the scenario columns every table starts with (the identity of a row when pivoting on the scheduler). */
export const SCENARIO_KEYS = ["topology", "workload", "bandwidthScale", "load"] as const;

/** Per seed, `(a − b) / denominator` in %, over the seeds where both cells finished with a mean JCT. */
export function pairedPercent(g: Grouped, sc: string, a: string, b: string, metric: (r: OkRecord) => number | null, over: "a" | "b"): number[] {
  const out: number[] = [];
  for (const seed of g.seeds(sc)) {
    const ra = g.at(sc, a, seed);
    const rb = g.at(sc, b, seed);
    if (!ok(ra) || !ok(rb)) continue;
    const va = metric(ra);
    const vb = metric(rb);
    const den = over === "a" ? va : vb;
    if (va === null || vb === null || den === null || den === 0) continue;
    out.push((100 * (va - vb)) / den);
  }
  return out;
}

/** A record's mean JCT (s). */
export const jct = (r: OkRecord): number | null => r.metrics.meanJctSec;
/** A record's total electricity cost (USD). */
export const cost = (r: OkRecord): number | null => r.metrics.totalCostUsd;

/**
 * The main table: per scenario and scheduler, mean JCT (h) and total cost
 * (USD) as mean ± std over seeds, on baseline rows the reference's
 * reduction `(baseline − reference) / baseline` per seed, mean ± std, in %,
 * and the share of finished multi-stage jobs whose path spans ≥ 2 regions.
 */
export function mainTable(records: readonly CellRecord[], roles: TableRoles = {}, caption?: string): Table {
  const g = groupRecords(records);
  const r = resolveRoles(roles, g.schedulers);
  const rows: Cell[][] = [];
  for (const sc of g.scenarios) {
    for (const name of g.schedulers) {
      const cells = g.seeds(sc.key).map((seed) => g.at(sc.key, name, seed)).filter((x) => x !== undefined);
      const done = cells.filter(ok);
      const jcts = done.flatMap((x) => (x.metrics.meanJctSec === null ? [] : [x.metrics.meanJctSec / 3600]));
      const isBase = r.baselines.includes(name);
      rows.push([
        ...scenarioCells(sc),
        name,
        `${done.length}/${cells.length}`,
        meanStdCell(jcts, { decimals: 3 }),
        meanStdCell(done.map((x) => x.metrics.totalCostUsd), { decimals: 1 }),
        isBase ? meanStdCell(pairedPercent(g, sc.key, name, r.reference, jct, "a")) : "—",
        isBase ? meanStdCell(pairedPercent(g, sc.key, name, r.reference, cost, "a")) : "—",
        meanStdCell(
          done.flatMap((x) => (x.metrics.multiStageJobs === undefined || x.metrics.multiStageJobs === 0 ? [] : [(100 * (x.metrics.crossRegionJobs ?? 0)) / x.metrics.multiStageJobs])),
          { decimals: 1 },
        ),
        String(done.reduce((a, x) => a + x.metrics.unschedulable, 0)),
      ]);
    }
  }
  return {
    header: [...SCENARIO_HEADER, "scheduler", "seeds ok", "mean JCT (h)", "total cost (USD)", `${r.reference} JCT reduction %`, `${r.reference} cost reduction %`, "cross-region % (multi-stage)", "unschedulable"],
    keys: [...SCENARIO_KEYS, "scheduler", "seedsOk", "meanJctH", "costUsd", "jctReductionPct", "costReductionPct", "crossRegionPct", "unschedulable"],
    rows,
    align: ["left", "left", "right", "right", "left", "right", "right", "right", "right", "right", "right", "right"],
    caption: caption ?? `Mean JCT, electricity cost and ${r.reference}'s reduction against each baseline (mean ± std over seeds)`,
    label: "tab:main",
  };
}

/** The ablation table: each ablation's change against the reference, `(ablation − reference) / reference` per seed, in %. */
export function ablationTable(records: readonly CellRecord[], roles: TableRoles = {}): Table {
  const g = groupRecords(records);
  const r = resolveRoles(roles, g.schedulers);
  const rows: Cell[][] = [];
  for (const sc of g.scenarios)
    for (const name of r.ablations)
      rows.push([...scenarioCells(sc), name, meanStdCell(pairedPercent(g, sc.key, name, r.reference, jct, "b")), meanStdCell(pairedPercent(g, sc.key, name, r.reference, cost, "b"))]);
  return {
    header: [...SCENARIO_HEADER, "ablation", `mean JCT change vs ${r.reference} %`, `cost change vs ${r.reference} %`],
    keys: [...SCENARIO_KEYS, "scheduler", "jctChangePct", "costChangePct"],
    rows,
    align: ["left", "left", "right", "right", "left", "right", "right"],
    caption: `Ablations of ${r.reference}: change against the full scheduler (mean ± std over seeds)`,
    label: "tab:ablation",
  };
}

/** The failed cells, by parameters. */
export function failureTable(records: readonly CellRecord[]): Table {
  const g = groupRecords(records);
  const rows: string[][] = [];
  for (const sc of g.scenarios)
    for (const name of g.schedulers)
      for (const seed of g.seeds(sc.key)) {
        const x = g.at(sc.key, name, seed);
        if (x !== undefined && x.status === "error") rows.push([...scenarioCells(sc), name, String(seed), x.id, x.error]);
        else if (ok(x) && x.gapError !== null) rows.push([...scenarioCells(sc), name, String(seed), x.id, `gaps: ${x.gapError}`]);
      }
  return { header: [...SCENARIO_HEADER, "scheduler", "seed", "cell id", "error"], keys: [...SCENARIO_KEYS, "scheduler", "seed", "cellId", "error"], rows, caption: "Failed cells", label: "tab:failures" };
}

/** Wall time per scheduler (machine-dependent: kept out of every other table). */
export function timingTable(records: readonly CellRecord[]): Table {
  const g = groupRecords(records);
  const rows = g.schedulers.map((name) => {
    const ms = records.filter((x) => x.spec.scheduler === name).map((x) => x.wallMs);
    const st = meanStdOf(ms);
    return [name, ms.length, (ms.reduce((a, b) => a + b, 0) / 1000).toFixed(1), (st.mean / 1000).toFixed(2)];
  });
  return { header: ["scheduler", "cells", "total wall (s)", "mean wall per cell (s)"], keys: ["scheduler", "cells", "totalWallSec", "meanWallSec"], rows, align: ["left", "right", "right", "right"], caption: "Wall time (machine-dependent)", label: "tab:timing" };
}
