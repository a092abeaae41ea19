/** The small shared batch of the batch column-generation tests. */
import type { Topology } from "../../src/model/types.js";
import { T2, constant, job, link, region } from "../bace/fixtures.js";

/** Three regions whose GPUs the jobs must share: a fast cheap A (4 GPUs) that holds only part of the batch, a mid-priced B (4) and a dear C (6). */
export const SHARED_TOPOLOGY: Topology = {
  name: "shared",
  regions: [region("A", 4, { gpu: T2, price: constant(0.05) }), region("B", 4, { price: constant(0.08) }), region("C", 6, { price: constant(0.2) })],
  links: [link("A", "B", 40, 2), link("A", "C", 40, 5), link("B", "C", 20, 3)],
};

/** Jobs x, y, z of 3, 4 and 3 stages. */
export const SHARED_JOBS = [job("x", 3, { microBatches: 4 }), job("y", 4, { microBatches: 4 }), job("z", 3, { microBatches: 8 })];
