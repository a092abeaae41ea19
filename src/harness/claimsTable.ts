/**
 * The BACE-Pipe paper's headline claims checked scenario by scenario: for
 * each claim whose schedulers are in the records, the measured paired change
 * (per seed, as in the main and ablation tables) and whether it falls in the
 * claimed range, above it, below it, or has the opposite sign. A second
 * table counts the verdicts per claim and names the scenarios that reverse
 * it. Claims are figures from the paper (Zhang, Xu, Liu 2026, abstract);
 * nothing here is tuned to make them hold.
 */
import { meanStdCell, meanStdOf } from "../report/meanStd.js";
import type { Cell, Table } from "../report/table.js";
import type { CellRecord } from "./results.js";
import { cost, groupRecords, jct, pairedPercent, SCENARIO_HEADER, SCENARIO_KEYS, scenarioCells, type Grouped, type Scenario } from "./tables.js";

/** One claim: a paired change of `metric` between the reference and `other`, claimed to lie in [lowPct, highPct]. */
export interface PaperClaim {
  /** Short label, e.g. "JCT vs delay-first". */
  readonly label: string;
  /** The scheduler the reference is compared with. */
  readonly other: string;
  /** Mean JCT or total electricity cost. */
  readonly metric: "jct" | "cost";
  /**
   * "reduction": the reference's reduction against `other`, `(other − ref) / other` (main table);
   * "increase": `other`'s change against the reference, `(other − ref) / ref` (ablation table).
   */
  readonly direction: "reduction" | "increase";
  /** Lower end of the claimed range, %. */
  readonly lowPct: number;
  /** Upper end, % (equal to lowPct for a single figure). */
  readonly highPct: number;
}

/** The reference scheduler the BACE-Pipe claims are about. */
export const BACE_CLAIMS_REFERENCE = "bace";

/**
 * BACE-Pipe's abstract: mean JCT −27.9…64.7 % and electricity cost −12.6…30.6 % against delay-first and
 * cost-first (ranges over the paper's experiments, read as applying to both baselines); without the
 * pathfinder +52.5 % JCT and +20.5 % cost.
 */
export const BACE_PAPER_CLAIMS: readonly PaperClaim[] = [
  { label: "JCT vs delay-first", other: "delay-first", metric: "jct", direction: "reduction", lowPct: 27.9, highPct: 64.7 },
  { label: "JCT vs cost-first", other: "cost-first", metric: "jct", direction: "reduction", lowPct: 27.9, highPct: 64.7 },
  { label: "cost vs delay-first", other: "delay-first", metric: "cost", direction: "reduction", lowPct: 12.6, highPct: 30.6 },
  { label: "cost vs cost-first", other: "cost-first", metric: "cost", direction: "reduction", lowPct: 12.6, highPct: 30.6 },
  { label: "no pathfinder: JCT", other: "bace-no-pathfinder", metric: "jct", direction: "increase", lowPct: 52.5, highPct: 52.5 },
  { label: "no pathfinder: cost", other: "bace-no-pathfinder", metric: "cost", direction: "increase", lowPct: 20.5, highPct: 20.5 },
];

/** How a measured change relates to a claim. */
export type ClaimVerdict = "in range" | "above range" | "below range" | "reversed" | "n/a";

/**
 * The verdict of a measured mean ± std against a claim: "reversed" when the mean has the opposite sign
 * (the reference is worse); for a range, "in range" when the mean lies in it; for a single figure, "in
 * range" when it lies within mean ± std (one seed: the std is undefined and taken as 0); otherwise
 * above or below.
 */
export function claimVerdict(claim: PaperClaim, values: readonly number[]): ClaimVerdict {
  const { mean, std, n } = meanStdOf(values);
  if (n === 0) return "n/a";
  if (mean < 0) return "reversed";
  const point = claim.lowPct === claim.highPct;
  const spread = point && Number.isFinite(std) ? std : 0;
  const within = mean >= claim.lowPct - spread && mean <= claim.highPct + spread;
  if (within) return "in range";
  return mean > claim.highPct ? "above range" : "below range";
}

const claimed = (c: PaperClaim): string => (c.lowPct === c.highPct ? `${c.lowPct}` : `${c.lowPct}…${c.highPct}`);

/** The claims whose schedulers (reference and other) appear in the records. */
function presentClaims(g: Grouped, claims: readonly PaperClaim[], reference: string): PaperClaim[] {
  return g.schedulers.includes(reference) ? claims.filter((c) => g.schedulers.includes(c.other)) : [];
}

function measured(g: Grouped, sc: Scenario, c: PaperClaim, reference: string): number[] {
  // a reduction is over the other scheduler's value (main table), an increase over the reference's (ablation table)
  return pairedPercent(g, sc.key, c.other, reference, c.metric === "jct" ? jct : cost, c.direction === "reduction" ? "a" : "b");
}

/** Whether the records hold the reference and at least one claim's other scheduler. */
export function hasClaims(records: readonly CellRecord[], claims: readonly PaperClaim[] = BACE_PAPER_CLAIMS, reference = BACE_CLAIMS_REFERENCE): boolean {
  return presentClaims(groupRecords(records), claims, reference).length > 0;
}

/** Per scenario and claim: the claimed figure, the measured change (mean ± std over seeds) and the verdict. */
export function claimsTable(records: readonly CellRecord[], claims: readonly PaperClaim[] = BACE_PAPER_CLAIMS, reference = BACE_CLAIMS_REFERENCE): Table {
  const g = groupRecords(records);
  const present = presentClaims(g, claims, reference);
  const rows: Cell[][] = [];
  for (const sc of g.scenarios)
    for (const c of present) {
      const values = measured(g, sc, c, reference);
      rows.push([...scenarioCells(sc), c.label, claimed(c), meanStdCell(values), claimVerdict(c, values)]);
    }
  return {
    header: [...SCENARIO_HEADER, "claim", "paper %", "measured %", "verdict"],
    keys: [...SCENARIO_KEYS, "claim", "paperPct", "measuredPct", "verdict"],
    rows,
    align: ["left", "left", "right", "right", "left", "right", "right", "left"],
    caption: `The BACE-Pipe paper's claims per scenario: ${reference}'s reduction against a baseline, or an ablation's increase against ${reference} (mean ± std over seeds)`,
    label: "tab:claims",
  };
}

/** Per claim: how many scenarios fall in each verdict, and the scenarios that reverse it. */
export function claimsSummaryTable(records: readonly CellRecord[], claims: readonly PaperClaim[] = BACE_PAPER_CLAIMS, reference = BACE_CLAIMS_REFERENCE): Table {
  const g = groupRecords(records);
  const verdicts: ClaimVerdict[] = ["in range", "above range", "below range", "reversed"];
  const rows: Cell[][] = presentClaims(g, claims, reference).map((c) => {
    const per = g.scenarios.map((sc) => ({ sc, v: claimVerdict(c, measured(g, sc, c, reference)) }));
    const measuredN = per.filter((p) => p.v !== "n/a").length;
    const reversed = per.filter((p) => p.v === "reversed").map((p) => `${p.sc.topology} ${p.sc.workload} bw ${p.sc.bandwidthScale} load ${p.sc.load}`);
    return [c.label, claimed(c), String(measuredN), ...verdicts.map((v) => String(per.filter((p) => p.v === v).length)), reversed.length === 0 ? "—" : reversed.join("; ")];
  });
  return {
    header: ["claim", "paper %", "scenarios", ...verdicts, "reversed in"],
    keys: ["claim", "paperPct", "scenarios", "inRange", "aboveRange", "belowRange", "reversed", "reversedIn"],
    rows,
    align: ["left", "right", "right", "right", "right", "right", "right", "left"],
    caption: "The BACE-Pipe paper's claims: scenarios per verdict",
    label: "tab:claims-summary",
  };
}
