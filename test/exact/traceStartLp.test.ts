import { beforeAll, describe, expect, it } from "vitest";
import { loadExactSolver } from "../../src/exact/solveSync.js";
import { packingThresholds, startSlotBound } from "../../src/exact/traceStartLp.js";
import { mergeRegions } from "../../src/exact/traceRegionModes.js";
import type { TraceMode } from "../../src/exact/traceModes.js";
import { loadInstance } from "../../src/model/instance.js";
import type { Job, Region } from "../../src/model/types.js";
import type { SimInput } from "../../src/sim/result.js";
import { generateWorkload } from "../../src/workload/generate.js";
import { mulberry32 } from "../../src/util/rng.js";

beforeAll(async () => {
  await loadExactSolver();
});

/** A tiny job: one mode per region it may run in (single-region: it holds `gpus` of that region for `sec`). */
interface TinyJob {
  readonly arrivalSec: number;
  readonly modes: readonly { readonly region: number; readonly sec: number; readonly gpus: number }[];
}

/** The true least mean JCT of the tiny instance: every list and mode choice, each job started at its earliest time with room (serial schedule generation, which reaches an optimal schedule for a regular objective). */
function bruteForceMeanJct(caps: readonly number[], jobs: readonly TinyJob[]): number {
  const n = jobs.length;
  let best = Infinity;
  const perms = (rest: number[], acc: number[]): number[][] => (rest.length === 0 ? [acc] : rest.flatMap((x, i) => perms([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, x])));
  const orders = perms([...Array(n).keys()], []);
  const choices = (k: number): number[][] => (k === n ? [[]] : choices(k + 1).flatMap((c) => (jobs[k] as TinyJob).modes.map((_, m) => [m, ...c])));
  const all = choices(0);
  for (const order of orders) {
    for (const pick of all) {
      const placed: { region: number; from: number; to: number; gpus: number }[] = [];
      let sum = 0;
      for (const j of order) {
        const job = jobs[j] as TinyJob;
        const m = job.modes[pick[j] as number] as TinyJob["modes"][number];
        const used = (t: number): number => placed.filter((p) => p.region === m.region && p.from <= t && t < p.to).reduce((s, p) => s + p.gpus, 0);
        const fits = (s: number): boolean => [s, ...placed.map((p) => p.from)].filter((t) => t >= s && t < s + m.sec).every((t) => used(t) + m.gpus <= (caps[m.region] as number));
        const times = [job.arrivalSec, ...placed.map((p) => p.to).filter((t) => t > job.arrivalSec)].sort((a, b) => a - b);
        const s = times.find(fits) as number;
        placed.push({ region: m.region, from: s, to: s + m.sec, gpus: m.gpus });
        sum += s + m.sec - job.arrivalSec;
      }
      best = Math.min(best, sum / n);
    }
  }
  return best;
}

/** The tiny instance as a SimInput (only what the start-slot LP reads is meaningful) and its modes. */
function asInput(caps: readonly number[], types: readonly string[], jobs: readonly TinyJob[]): { input: SimInput; modes: TraceMode[][] } {
  const inst = loadInstance();
  const base = inst.topology.regions[0] as Region;
  const regions: Region[] = caps.map((g, r) => ({ ...base, id: `r${r}`, gpus: g, gpu: { ...base.gpu, name: types[r] as string } }));
  const job0 = generateWorkload({ seed: 1, jobs: 1, load: 1, topology: inst.topology, models: inst.models }).jobs[0] as Job;
  const simJobs: Job[] = jobs.map((j, i) => ({ ...job0, id: `j${i}`, arrivalSec: j.arrivalSec }));
  const modes = jobs.map((j) => j.modes.map((m): TraceMode => ({ types: [types[m.region] as string], minRuntimeSec: m.sec, gpusByType: new Map([[types[m.region] as string, m.gpus]]), gpus: m.gpus, region: `r${m.region}`, oneRegion: true })));
  return { input: { topology: { ...inst.topology, regions, links: [] }, models: inst.models, jobs: simJobs }, modes };
}

describe("startSlotBound(input, modes)", () => {
  it("is at most the true optimum (brute force over every list and mode) on random tiny traces, and above the mean least runtime on most", () => {
    const rand = mulberry32(7);
    let above = 0;
    for (let trial = 0; trial < 40; trial++) {
      const caps = [4, 2 + Math.floor(rand() * 3)];
      const types = ["fast", rand() < 0.5 ? "fast" : "slow"];
      const n = 3 + Math.floor(rand() * 2);
      const jobs: TinyJob[] = Array.from({ length: n }, () => {
        const gpus = 1 + Math.floor(rand() * 4);
        const sec = 100 * (1 + Math.floor(rand() * 5));
        const modes = [{ region: 0, sec, gpus }];
        if (gpus <= (caps[1] as number)) modes.push({ region: 1, sec: types[1] === "fast" ? sec : 2 * sec, gpus });
        return { arrivalSec: 100 * Math.floor(rand() * 4), modes };
      });
      const opt = bruteForceMeanJct(caps, jobs);
      const { input, modes } = asInput(caps, types, jobs);
      const least = jobs.reduce((s, j) => s + Math.min(...j.modes.map((m) => m.sec)), 0) / n;
      for (const slotSec of [100, 70, 250]) {
        const b = startSlotBound(input, modes, { slotSec, maxWaitSec: 600, packingRows: trial % 2 === 0 });
        expect(b.status).toBe("optimal");
        expect(b.meanJctLowerBoundSec, `trial ${trial} slot ${slotSec}`).toBeLessThanOrEqual(opt * (1 + 1e-9) + 1e-6);
        expect(b.meanJctLowerBoundSec).toBeGreaterThanOrEqual(least * (1 - 1e-9));
        if (slotSec === 100 && b.meanJctLowerBoundSec > least + 1) above++;
      }
    }
    // the capacity rows bind: without them the bound would be the mean least runtime on every trial
    expect(above).toBeGreaterThan(10);
  });

  it("is the exact optimum where the LP has no room: two jobs that each fill the one region, arriving together", () => {
    const { input, modes } = asInput([4], ["fast"], [
      { arrivalSec: 0, modes: [{ region: 0, sec: 300, gpus: 4 }] },
      { arrivalSec: 0, modes: [{ region: 0, sec: 300, gpus: 4 }] },
    ]);
    // optimum: one at 0, the other at 300: mean (300 + 600)/2 = 450; the LP on 100-s slots must see the second wait at least 200 s
    const b = startSlotBound(input, modes, { slotSec: 100, maxWaitSec: 1000 });
    expect(b.meanJctLowerBoundSec).toBeGreaterThanOrEqual(400 - 1e-6);
    expect(b.meanJctLowerBoundSec).toBeLessThanOrEqual(450 + 1e-6);
  });

  it("keeps regions apart: a job that fits only the small region cannot use the large one's room", () => {
    const { input, modes } = asInput([8, 2], ["fast", "fast"], [
      { arrivalSec: 0, modes: [{ region: 1, sec: 400, gpus: 2 }] },
      { arrivalSec: 0, modes: [{ region: 1, sec: 400, gpus: 2 }] },
      { arrivalSec: 0, modes: [{ region: 0, sec: 400, gpus: 2 }] },
    ]);
    const opt = bruteForceMeanJct([8, 2], [
      { arrivalSec: 0, modes: [{ region: 1, sec: 400, gpus: 2 }] },
      { arrivalSec: 0, modes: [{ region: 1, sec: 400, gpus: 2 }] },
      { arrivalSec: 0, modes: [{ region: 0, sec: 400, gpus: 2 }] },
    ]);
    const b = startSlotBound(input, modes, { slotSec: 100, maxWaitSec: 1000 });
    expect(opt).toBeCloseTo(1600 / 3, 6);
    // the one-pool count (10 GPUs, 6 held) would allow no wait: 400
    expect(b.meanJctLowerBoundSec).toBeGreaterThan(400 + 50);
    expect(b.meanJctLowerBoundSec).toBeLessThanOrEqual(opt + 1e-6);
  });

  it("with packing rows over merged one-region modes, stays at most the true optimum on random tiny traces of one GPU type, and cuts where the GPU rows do not", () => {
    const rand = mulberry32(11);
    let cut = 0;
    for (let trial = 0; trial < 30; trial++) {
      const caps = [3 + Math.floor(rand() * 3), 3 + Math.floor(rand() * 3)];
      const n = 3 + Math.floor(rand() * 2);
      const jobs: TinyJob[] = Array.from({ length: n }, () => {
        const gpus = 2 + Math.floor(rand() * 3);
        const sec = 100 * (1 + Math.floor(rand() * 4));
        return { arrivalSec: 100 * Math.floor(rand() * 3), modes: [0, 1].filter((r) => gpus <= (caps[r] as number)).map((region) => ({ region, sec, gpus })) };
      }).filter((j) => j.modes.length > 0);
      const opt = bruteForceMeanJct(caps, jobs);
      const { input, modes } = asInput(caps, ["fast", "fast"], jobs);
      const merged = modes.map((ms) => mergeRegions(ms));
      for (const slotSec of [100, 70]) {
        const on = startSlotBound(input, merged, { slotSec, maxWaitSec: 600, packingRows: true });
        const off = startSlotBound(input, merged, { slotSec, maxWaitSec: 600, packingRows: false });
        expect(on.status).toBe("optimal");
        expect(on.meanJctLowerBoundSec, `trial ${trial} slot ${slotSec}`).toBeLessThanOrEqual(opt * (1 + 1e-9) + 1e-6);
        expect(on.meanJctLowerBoundSec).toBeGreaterThanOrEqual(off.meanJctLowerBoundSec - 1e-6);
        if (on.meanJctLowerBoundSec > off.meanJctLowerBoundSec + 1) cut++;
      }
    }
    expect(cut).toBeGreaterThan(3);
  });

  it("packing rows see that two regions of 4 GPUs run only two 3-GPU jobs at once (the type row allows 8/3)", () => {
    const jobs: TinyJob[] = [0, 1, 2].map(() => ({ arrivalSec: 0, modes: [{ region: 0, sec: 300, gpus: 3 }, { region: 1, sec: 300, gpus: 3 }] }));
    const { input, modes } = asInput([4, 4], ["fast", "fast"], jobs);
    const merged = modes.map((ms) => mergeRegions(ms));
    expect(packingThresholds(input, merged).get("fast")?.get(3)).toBe(2);
    const opt = bruteForceMeanJct([4, 4], jobs);
    expect(opt).toBeCloseTo(400, 6);
    const on = startSlotBound(input, merged, { slotSec: 100, maxWaitSec: 1000, packingRows: true });
    const off = startSlotBound(input, merged, { slotSec: 100, maxWaitSec: 1000, packingRows: false });
    // the third job must wait for a region: at least 200 s counted on 100-s slots, so a mean ≥ 300 + 200/3
    expect(on.meanJctLowerBoundSec).toBeGreaterThanOrEqual(300 + 200 / 3 - 1e-6);
    expect(on.meanJctLowerBoundSec).toBeLessThanOrEqual(opt + 1e-6);
    expect(off.meanJctLowerBoundSec).toBeLessThan(on.meanJctLowerBoundSec - 1);
  });
});
