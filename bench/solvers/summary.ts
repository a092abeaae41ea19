/**
 * Turns the per-solve lines of one (model, backend) pair into a table cell,
 * and checks that backends agree on the optimum.
 */
import type { RepLine } from "./solveChild.js";

/** How a (model, backend) pair ended. */
export type CellStatus = "ok" | "limit" | "skipped" | "failed";

/** One (model, backend) pair after all its repetitions. */
export interface Cell {
  readonly status: CellStatus;
  /** Median solve time over accepted optimal repetitions, or null. */
  readonly medianMs: number | null;
  /** Objective of the first accepted optimal repetition, or null. */
  readonly objective: number | null;
  /** Why the cell is not `ok`, or notes (e.g. repetitions that disagree). */
  readonly note: string;
}

/** Relative tolerance for "backends agree on the optimum". */
export const AGREE_REL_TOL = 1e-6;

/** Median of a non-empty list. */
export function median(xs: ReadonlyArray<number>): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? NaN;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? NaN) + hi) / 2;
}

/** Whether two objectives agree within {@link AGREE_REL_TOL} (relative to max(1, |a|)). */
export function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= AGREE_REL_TOL * Math.max(1, Math.abs(a));
}

/**
 * Summarises the repetitions of one pair. `killed` is true when the parent
 * ended the child past the per-solve limit; `wanted` is the number of
 * repetitions asked for; a solve that took `limitMs` or longer counts as
 * having hit the limit whatever status it claims (javascript-lp-solver hands
 * back an integral incumbent at its timeout, which reads as optimal).
 */
export function summarise(
  lines: ReadonlyArray<RepLine>,
  wanted: number,
  killed: boolean,
  error: string,
  limitMs: number = Infinity,
): Cell {
  const overran = lines.filter((l) => l.timeMs >= limitMs);
  const good = lines.filter((l) => l.termination === "optimal" && l.checkOk && l.objective !== null && l.timeMs < limitMs);
  const timedOut = killed || overran.length > 0 || lines.some((l) => l.termination === "time_limit");
  const rejected = lines.filter((l) => l.primal === "infeasible_point" || (l.termination === "optimal" && !l.checkOk));
  const first = good[0]?.objective ?? null;
  const spread = good.some((l) => first !== null && l.objective !== null && !agree(first, l.objective));
  const notes: string[] = [];
  if (rejected.length > 0) notes.push(`${rejected.length} point(s) rejected by the checker`);
  if (spread) notes.push("repetitions disagree");
  const claimed = overran.filter((l) => l.termination === "optimal");
  if (claimed.length > 0) notes.push(`${claimed.length} solve(s) past the limit claimed optimal (objective ${claimed[0]?.objective})`);
  if (timedOut) {
    return { status: "limit", medianMs: null, objective: first, note: [killed ? "killed past limit" : "time limit", ...notes].join("; ") };
  }
  if (good.length < wanted) {
    const other = lines.find((l) => !(l.termination === "optimal" && l.checkOk));
    const why = other !== undefined ? `${other.termination}/${other.primal}` : error || `${lines.length}/${wanted} solves reported`;
    return { status: "failed", medianMs: null, objective: first, note: [why, ...notes].join("; ") };
  }
  return { status: "ok", medianMs: median(good.map((l) => l.timeMs)), objective: first, note: notes.join("; ") };
}
