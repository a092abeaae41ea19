/**
 * The models whose LP and MPS exports are checked against native readers
 * (test/lp/nativeSolvers.test.ts, bench/solvers/nativeReaders.ts): the two CBA
 * ILPs of one request (objective constant = the stages' compute ms), mixed
 * MILPs with ranges, negative bounds, free and integer variables (min and max),
 * and an LP with a negative constant.
 */
import type { ClusterView } from "../../src/cba/assignment.js";
import { solveCbaIlp } from "../../src/cba/ilp.js";
import { nsfnet } from "../../src/cba/nsfnet.js";
import { generateRequests } from "../../src/cba/request.js";
import { SpectrumState } from "../../src/cba/spectrum.js";
import { highs } from "../../src/lp/backends/highs.js";
import { Model } from "../../src/lp/model.js";
import type { Backend } from "../../src/lp/result.js";
import { mulberry32 } from "../../src/util/rng.js";

/** The two CBA ILPs (communication-aware and oblivious) of the first request on a fragmented NSFNET snapshot, as test/cba/ilp.test.ts builds them; objective constant = Σ stage compute ms. */
export async function cbaIlps(): Promise<Model[]> {
  const net = nsfnet({ datacenters: [{ id: "dc2", node: "2", gpus: 8 }, { id: "dc8", node: "8", gpus: 8 }, { id: "dc13", node: "13", gpus: 8 }] });
  const rng = mulberry32(1);
  const spectrum = new SpectrumState(net.fibres.length, net.slotsPerFibre);
  for (let i = 0; i < 160; i++) {
    const f = Math.floor(rng() * net.fibres.length);
    const s = Math.floor(rng() * 78);
    const n = 1 + Math.floor(rng() * 6);
    for (let q = s; q < Math.min(s + n, 80); q++) if (spectrum.isFree(f, q)) spectrum.allocate([f], q, 1);
  }
  const view: ClusterView = { network: net, spectrum, freeGpus: new Map(net.datacenters.map((d) => [d.id, d.gpus])) };
  const [request] = generateRequests(net.nodes, mulberry32(101), { count: 1, stageChoices: [3], gpusPerStageChoices: [8] });
  const models: Model[] = [];
  const capture: Backend = { ...highs, solve: (m, o) => (models.push(m), highs.solve(m, o)) };
  for (const communication of ["aware", "oblivious"] as const) await solveCbaIlp(view, request!, capture, { communication });
  return models;
}

/** max 3a − 2b + c + 2.5d − 7: a free, b ∈ [−4, −1], c integer ∈ [−3, 5], d ∈ [0, 2] binary-ish integer; a range row, an equality, a ≥ row. */
export function mixedModel(sense: "min" | "max"): Model {
  const m = new Model(`mixed_${sense}`);
  const a = m.addVar("a", { lb: -Infinity });
  const b = m.addVar("b", { lb: -4, ub: -1 });
  const c = m.addVar("c", { type: "integer", lb: -3, ub: 5 });
  const d = m.addVar("d", { type: "integer", ub: 2 });
  m.addRange("band", [[a, 1], [b, 1], [c, 0.5]], -2.5, 6);
  m.addConstraint("tie", [[a, 1], [d, -1], [c, 1]], "=", 1.5);
  m.addConstraint("floor", [[b, -1], [d, 1]], ">=", 1);
  m.setObjective(sense, [[a, 3], [b, -2], [c, 1], [d, 2.5]], sense === "max" ? -7 : 18);
  return m;
}

/** A pure LP with a negative constant and a free variable. */
export function lpModel(): Model {
  const m = new Model("lp");
  const x = m.addVar("x", { ub: 3 });
  const y = m.addVar("y", { lb: -Infinity });
  m.addConstraint("c1", [[x, 1], [y, 1]], ">=", 4);
  m.addRange("c2", [[y, 1]], -10, 2.5);
  m.setObjective("min", [[x, 2], [y, 3]], -12.25);
  return m;
}

/** A model with a label for tables and messages. */
export interface LabelledModel {
  /** Short label, e.g. `cba_aware`. */
  readonly label: string;
  /** The model. */
  readonly model: Model;
}

/** Every model above, CBA ILPs first. */
export async function exportModels(): Promise<LabelledModel[]> {
  const [aware, oblivious] = await cbaIlps();
  return [
    { label: "cba_aware", model: aware as Model },
    { label: "cba_oblivious", model: oblivious as Model },
    { label: "mixed_min", model: mixedModel("min") },
    { label: "mixed_max", model: mixedModel("max") },
    { label: "lp", model: lpModel() },
  ];
}
