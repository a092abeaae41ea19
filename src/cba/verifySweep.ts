/**
 * Sweep-table checks of CBA: every row and cell of the metrics table
 * (`sweepMetricsTable`) and the claims table (`claimsTable`) is recomputed
 * from the runs — which runs feed a row, their mean and sample standard
 * deviation, the verified count, the ILP work and first-fit answers, and the
 * per-seed paired relative changes of cba against each baseline — and
 * compared with the printed value within half a unit of its last printed digit. The runs'
 * own metrics are checked against their records by `verifyRun`; together
 * the two checks tie every printed number to the assignment records.
 */
import type { Table } from "../report/table.js";
import type { SweepRun } from "./sweep.js";
import { PAPER_CLAIMS } from "./sweepReport.js";
import type { CbaVerifyReport, CbaViolation } from "./violation.js";

/** The tables {@link verifySweepTables} checks (either may be left out). */
export interface SweepTables {
  /** `sweepMetricsTable(runs)`. */
  readonly metrics?: Table;
  /** `claimsTable(runs)`. */
  readonly claims?: Table;
}

const METRICS_HEADER = ["load (Erl)", "method", "seeds", "blocking %", "iteration ms", "spectrum use %", "comm-bound %", "verified", "ILP solves/run", "ms/solve", "first-fit answers/run"];
const CLAIMS_HEADER = ["comparison", "load (Erl)", "Δ iteration time %", "Δ blocking % (relative)", "Δ blocking (points)"];

/** Mean and sample standard deviation (n − 1; null for one value, where it is undefined); null for none. */
function stats(xs: readonly number[]): { readonly mean: number; readonly std: number | null } | null {
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length === 1 ? null : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, std };
}

/** Whether printed text `cell` shows `value` (or, for null, a no-value mark) to its own precision. */
function shows(cell: string, value: number | null): boolean {
  if (value === null) return cell === "n/a" || cell === "–";
  const m = /^-?\d+(?:\.(\d+))?$/.exec(cell.trim());
  if (m === null) return false;
  const half = 0.5 * 10 ** -(m[1]?.length ?? 0);
  return Math.abs(Number(cell) - value) <= half + 1e-9 * Math.max(1, Math.abs(value));
}

/** Whether `cell` is "mean ± std" of `xs` × `scale` to its own precision ("n/a" for none; "mean ± n/a" for one value). */
function showsMeanStd(cell: string, xs: readonly number[], scale: number): boolean {
  const s = stats(xs);
  if (s === null) return cell === "n/a";
  const parts = cell.split(" ± ");
  const stdOk = s.std === null ? parts[1] === "n/a" : shows(parts[1] as string, s.std * scale);
  return parts.length === 2 && shows(parts[0] as string, s.mean * scale) && stdOk;
}

function checkHeader(name: string, table: Table, want: readonly string[], out: CbaViolation[]): boolean {
  const same = table.header.length === want.length && table.header.every((h, i) => h === want[i]);
  if (!same) out.push({ kind: "table_cell", requestId: "", field: name, message: `${name} table: header [${table.header.join(", ")}], expected [${want.join(", ")}]` });
  return same;
}

function checkRowSet(name: string, printed: readonly string[], want: readonly string[], out: CbaViolation[]): void {
  const missing = want.filter((k) => !printed.includes(k));
  const extra = printed.filter((k, i) => !want.includes(k) || printed.indexOf(k) !== i);
  if (missing.length > 0 || extra.length > 0) {
    out.push({ kind: "table_cell", requestId: "", field: name, message: `${name} table: rows missing [${missing.join("; ")}], unexpected or repeated [${extra.join("; ")}]` });
  }
}

function checkMetricsTable(runs: readonly SweepRun[], table: Table, out: CbaViolation[]): void {
  if (!checkHeader("metrics", table, METRICS_HEADER, out)) return;
  const keyOf = (load: unknown, method: unknown): string => `${String(load)} ${String(method)}`;
  checkRowSet("metrics", table.rows.map((r) => keyOf(r[0], r[1])), [...new Set(runs.map((r) => keyOf(r.loadErlang, r.method)))], out);
  for (const row of table.rows) {
    const rs = runs.filter((r) => keyOf(r.loadErlang, r.method) === keyOf(row[0], row[1]));
    if (rs.length === 0) continue;
    const cell = (i: number): string => String(row[i] ?? "");
    const solves = rs.reduce((a, r) => a + (r.ilp?.solves ?? 0), 0);
    const solveMs = rs.reduce((a, r) => a + (r.ilp?.solveMs ?? 0), 0);
    const ffAnswers = rs.reduce((a, r) => a + (r.ilp === null ? 0 : r.ilp.fallbacks + r.ilp.seedKept), 0);
    const ilp = rs.some((r) => r.ilp !== null);
    const iteration = rs.map((r) => r.metrics.meanIterationTimeMs).filter((x): x is number => x !== null && Number.isFinite(x));
    const checks: Array<[number, boolean]> = [
      [2, cell(2) === String(rs.length)],
      [3, showsMeanStd(cell(3), rs.map((r) => r.metrics.blockingRate), 100)],
      [4, showsMeanStd(cell(4), iteration, 1)],
      [5, showsMeanStd(cell(5), rs.map((r) => r.metrics.spectrumUtilisation), 100)],
      [6, showsMeanStd(cell(6), rs.map((r) => r.metrics.commBoundShare), 100)],
      [7, cell(7) === `${rs.filter((r) => r.verified).length}/${rs.length}`],
      [8, shows(cell(8), ilp ? solves / rs.length : null)],
      [9, shows(cell(9), ilp && solves > 0 ? solveMs / solves : null)],
      [10, shows(cell(10), ilp ? ffAnswers / rs.length : null)],
    ];
    for (const [i, ok] of checks) {
      if (!ok) out.push({ kind: "table_cell", requestId: "", field: METRICS_HEADER[i], message: `metrics table, load ${cell(0)} ${cell(1)}: "${METRICS_HEADER[i]}" is "${cell(i)}", which its ${rs.length} run(s) do not give` });
    }
  }
}

function checkClaimsTable(runs: readonly SweepRun[], table: Table, out: CbaViolation[]): void {
  if (!checkHeader("claims", table, CLAIMS_HEADER, out)) return;
  const [paper, ...rows] = table.rows;
  const paperOk = paper !== undefined && paper[0] === "paper (abstract)" && shows(String(paper[2]), PAPER_CLAIMS.iterationTimePct) && shows(String(paper[3]), PAPER_CLAIMS.blockedPct);
  if (!paperOk) out.push({ kind: "table_cell", requestId: "", field: "paper (abstract)", message: `claims table: first row is not the abstract's ${PAPER_CLAIMS.iterationTimePct} % / ${PAPER_CLAIMS.blockedPct} %` });
  const bases = [...new Set(runs.map((r) => r.method))].filter((m) => m !== "cba");
  const loads = [...new Set(runs.map((r) => r.loadErlang))];
  checkRowSet("claims", rows.map((r) => `${String(r[0])} @ ${String(r[1])}`), bases.flatMap((b) => loads.map((l) => `cba vs ${b} @ ${l}`)), out);
  for (const row of rows) {
    const base = String(row[0]).replace(/^cba vs /, "");
    const load = Number(row[1]);
    const dT: number[] = [];
    const dB: number[] = [];
    const dP: number[] = [];
    for (const c of runs.filter((r) => r.method === "cba" && r.loadErlang === load)) {
      const b = runs.find((r) => r.method === base && r.loadErlang === load && r.seed === c.seed);
      if (b === undefined) continue;
      const tc = c.metrics.meanIterationTimeMs;
      const tb = b.metrics.meanIterationTimeMs;
      if (tc !== null && tb !== null && tb > 0) dT.push(tc / tb - 1);
      if (b.metrics.blockingRate > 0) dB.push(c.metrics.blockingRate / b.metrics.blockingRate - 1);
      dP.push(c.metrics.blockingRate - b.metrics.blockingRate);
    }
    ([[2, dT], [3, dB], [4, dP]] as const).forEach(([i, xs]) => {
      if (!showsMeanStd(String(row[i] ?? ""), xs, 100)) {
        out.push({ kind: "table_cell", requestId: "", field: CLAIMS_HEADER[i], message: `claims table, ${String(row[0])} at load ${String(row[1])}: "${CLAIMS_HEADER[i]}" is "${String(row[i])}", which the paired runs do not give` });
      }
    });
  }
}

/** Check the printed sweep tables against `runs`; see the file header. */
export function verifySweepTables(runs: readonly SweepRun[], tables: SweepTables): CbaVerifyReport {
  const out: CbaViolation[] = [];
  if (tables.metrics !== undefined) checkMetricsTable(runs, tables.metrics, out);
  if (tables.claims !== undefined) checkClaimsTable(runs, tables.claims, out);
  return { ok: out.length === 0, violations: out };
}
