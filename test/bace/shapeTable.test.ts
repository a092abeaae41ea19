import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jobProfile } from "../../src/bace/profile.js";
import { shapeTable } from "../../src/bace/shapeTable.js";
import { hopSec, serialisationSec } from "../../src/cost/communication.js";
import { topologyView } from "../../src/cost/topologyView.js";
import { jobArb, topologyArb } from "./arbitraries.js";
import { TOY } from "./fixtures.js";

describe("shapeTable", () => {
  it("holds the profile's own figures for every stage, region and link, also after tables of jobs that differ in MFU, micro-batch size or GPUs per stage", () => {
    const change = fc.record({ mfu: fc.double({ min: 0.05, max: 1, noNaN: true }), microBatchSize: fc.integer({ min: 1, max: 2 }), gpusPerStage: fc.integer({ min: 1, max: 2 }) });
    fc.assert(
      fc.property(topologyArb, jobArb("a"), change, (topology, a, changed) => {
        const view = topologyView(topology);
        const b = { ...a, id: "b", ...changed };
        shapeTable(view, jobProfile(topology, TOY, a)); // built first: b may share its hop figures
        const profile = jobProfile(topology, TOY, b);
        const t = shapeTable(view, profile);
        const R = view.regions.length;
        for (let k = 0; k < b.stages; k++) {
          for (let r = 0; r < R; r++) {
            const id = view.regionIds[r] as string;
            expect(t.computeSec[k * R + r]).toBe(profile.stageCompute(k, id).computeSec);
            expect(t.demandGbps[k * R + r]).toBe(profile.hopDemandGbps(k, id));
          }
        }
        view.regions.forEach((region, r) => {
          expect(t.intraHopSec[r]).toBe(hopSec(profile.activationBytes, region.intraLatencyMs, region.intraBandwidthGbps));
          expect(t.intraSerialisationSec[r]).toBe(serialisationSec(profile.activationBytes, region.intraBandwidthGbps));
        });
        view.links.forEach((link, l) => {
          const cap = profile.hopCapGbps(link.a, link.b);
          expect(t.capGbps[l]).toBe(cap);
          expect(t.capHopSec[l]).toBe(hopSec(profile.activationBytes, link.latencyMs, cap));
          expect(t.capSerialisationSec[l]).toBe(serialisationSec(profile.activationBytes, cap));
        });
      }),
    );
  });
});
