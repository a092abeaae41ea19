/**
 * Faults of a queued run, on a real redis-server (GEOPIPE_TEST_REDIS_URL) with
 * the coordinator and the workers as child processes of the CLI: a worker
 * killed mid-cell, a coordinator killed and restarted, a cell that throws,
 * a worker stopped with SIGTERM. Short lock and stalled intervals (worker
 * flags) keep the recovery fast; nothing here asserts a speed.
 */
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readHarnessConfig } from "../../../src/cli/compareCommand.js";
import { readResults } from "../../../src/harness/results.js";
import { runOnQueue } from "../../../src/harness/queue/coordinator.js";
import { parseRedisUrl } from "../../../src/harness/queue/redisUrl.js";
import { runHarness } from "../../../src/harness/run.js";
import { freshQueueName, geopipe, redisUrl, reportFiles, resultIds, ROOT, RUN_QUEUE_TESTS, tmp, until, writeConfig, type CliChild } from "./processes.js";

const topology = path.join(ROOT, "instances/default/topology.json");
const MODELS = path.join(ROOT, "models");
/** Worker flags that make a killed worker's cell come back within a few seconds. */
const FAST_RECOVERY = ["--lock-duration-ms", "1500", "--stalled-interval-ms", "500"];

const tiny = {
  name: "tiny",
  topologies: [topology],
  workloads: [{ kind: "generated", jobs: 12 }],
  schedulers: ["bace", "delay-first", "bace-no-costmin"],
  seeds: [1, 2],
  scenarios: { bandwidthScale: [1, 0.5] },
};

const children: CliChild[] = [];
function start(args: readonly string[]): CliChild {
  const c = geopipe(args);
  children.push(c);
  return c;
}
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) {
      c.proc.kill("SIGKILL");
      await c.exited;
    }
  }
});

/** The same config run locally in this process: the reference every queued run must match. */
async function localReport(configFile: string): Promise<Map<string, string>> {
  const out = tmp();
  await runHarness(readHarnessConfig(configFile), { outDir: out, workers: 0, modelsDir: MODELS });
  return reportFiles(out);
}

function expectSameReport(dir: string, reference: Map<string, string>): void {
  const got = reportFiles(dir);
  expect([...got.keys()]).toEqual([...reference.keys()]);
  expect([...reference.keys()]).toContain("main.md");
  for (const [name, text] of reference) expect(got.get(name), name).toBe(text);
}

function count(text: string, re: RegExp): number {
  return text.split("\n").filter((l) => re.test(l)).length;
}

describe.skipIf(!RUN_QUEUE_TESTS)("geopipe compare --queue / geopipe worker (real redis-server)", () => {
  let url = "";
  beforeAll(() => {
    url = redisUrl();
  });

  it("a worker killed with SIGKILL mid-cell: another worker takes the cell back and the tables are byte-identical to a local run", async () => {
    const config = writeConfig(tiny);
    const out = path.join(tmp(), "out");
    const q = ["--queue", url, "--queue-name", freshQueueName("kill-worker")];
    const coordinator = start(["compare", "--config", config, "--out", out, ...q]);
    await coordinator.waitFor(/12 cell\(s\) to run/);
    const doomed = start(["worker", ...q, ...FAST_RECOVERY]);
    await doomed.waitFor(/start /); // its first cell: the thread is still starting, so the kill lands mid-cell
    doomed.proc.kill("SIGKILL");
    expect(await doomed.exited).toBe("SIGKILL");
    expect(doomed.err()).not.toMatch(/done /);
    const rescuer = start(["worker", ...q, ...FAST_RECOVERY]);
    expect(await coordinator.exited).toBe(0);
    expect(coordinator.err()).toMatch(/its worker stopped renewing the lock \(killed or hung\); BullMQ put it back in the queue/);
    expect(rescuer.err()).toMatch(/took back job cell-/);
    expect(count(rescuer.err(), /done /)).toBe(12);
    const ids = resultIds(path.join(out, "results.jsonl"));
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expectSameReport(out, await localReport(config));
    rescuer.proc.kill("SIGTERM");
    expect(await rescuer.exited).toBe(0);
  }, 240_000);

  it("the coordinator killed with SIGKILL and restarted: it resumes from results.jsonl and the queue; no cell is lost, run twice or recorded twice", async () => {
    const config = writeConfig(tiny);
    const out = path.join(tmp(), "out");
    const file = path.join(out, "results.jsonl");
    const q = ["--queue", url, "--queue-name", freshQueueName("kill-coordinator")];
    const worker = start(["worker", ...q]);
    await worker.waitFor(/queue "geopipe-test/);
    const first = start(["compare", "--config", config, "--out", out, ...q]);
    await until(() => resultIds(file).length >= 2, "two recorded cells");
    first.proc.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const recorded = readResults(file).records.length;
    expect(recorded).toBeLessThan(12);
    await until(() => count(worker.err(), /done /) === 12, "the worker to finish every queued cell while no coordinator runs");
    const second = start(["compare", "--config", config, "--out", out, ...q]);
    expect(await second.exited).toBe(0);
    expect(second.err()).toMatch(new RegExp(`${12 - recorded} cell\\(s\\) to run, ${recorded} already in`));
    expect(count(worker.err(), /start /)).toBe(12); // each cell computed once: what finished meanwhile was collected, not rerun
    const ids = resultIds(file);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expectSameReport(out, await localReport(config));
  }, 240_000);

  it("a cell that throws is retried `attempts` times, then recorded as failed while the rest finish; tables and failures as in a local run", async () => {
    // a scheduler name the config validation would refuse, set after it (as test/harness/run.test.ts does): the worker's run throws
    const config = { ...readHarnessConfig(writeConfig({ ...tiny, name: "throws", schedulers: ["bace", "delay-first"], seeds: [1], scenarios: {} })), schedulers: ["bace", "no-such-scheduler", "delay-first"] };
    const queueName = freshQueueName("throws");
    const worker = start(["worker", "--queue", url, "--queue-name", queueName]);
    const parsed = parseRedisUrl(url);
    if (!parsed.ok) throw new Error(parsed.message);
    const notes: string[] = [];
    const out = tmp();
    const run = await runHarness(config, {
      outDir: out,
      modelsDir: MODELS,
      runner: (cells, ctx, onRecord) => runOnQueue(cells, ctx, onRecord, { target: parsed.target, queueName, attempts: 2, backoffMs: 50, onNote: (l) => notes.push(l) }),
    });
    expect(run.ran).toBe(3);
    expect(run.failed).toBe(1); // geopipe compare exits 1 on this, as with the local pool
    expect(notes.filter((n) => /^cell no-such-scheduler seed 1 .* failed after 2 attempt\(s\): UnknownSchedulerError/.test(n))).toHaveLength(1);
    expect(count(worker.err(), /: failed no-such-scheduler .* \(attempt 1\/2\): UnknownSchedulerError/)).toBe(1);
    expect(count(worker.err(), /: failed no-such-scheduler .* \(attempt 2\/2\): UnknownSchedulerError/)).toBe(1);
    expect(count(worker.err(), /done /)).toBe(2);
    const local = tmp();
    await runHarness(config, { outDir: local, workers: 0, modelsDir: MODELS });
    expectSameReport(out, reportFiles(local)); // failures.md included: the same error text as the local pool
    expect(reportFiles(out).get("failures.md")).toMatch(/no-such-scheduler/);
  }, 240_000);

  it("geopipe worker on SIGTERM finishes its running cell and exits 0; the coordinator gets every cell", async () => {
    const config = writeConfig({ ...tiny, name: "sigterm", schedulers: ["bace", "delay-first"], seeds: [1], scenarios: {} });
    const out = path.join(tmp(), "out");
    const q = ["--queue", url, "--queue-name", freshQueueName("sigterm")];
    const coordinator = start(["compare", "--config", config, "--out", out, ...q]);
    await coordinator.waitFor(/2 cell\(s\) to run/);
    const worker = start(["worker", ...q]);
    await worker.waitFor(/start /);
    worker.proc.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const log = worker.err();
    expect(log.indexOf("done ")).toBeGreaterThan(log.indexOf("SIGTERM: finishing the running cell(s)"));
    expect(count(log, /start /)).toBe(1); // no new cell after the signal
    start(["worker", ...q]);
    expect(await coordinator.exited).toBe(0);
    expect(resultIds(path.join(out, "results.jsonl"))).toHaveLength(2);
  }, 240_000);

  it("geopipe worker on a second SIGTERM puts its running cell back in the queue at once and exits 0; another worker runs it without waiting for the lock to expire", async () => {
    const config = writeConfig({ ...tiny, name: "release", schedulers: ["bace"], seeds: [1], scenarios: {} });
    const out = path.join(tmp(), "out");
    const q = ["--queue", url, "--queue-name", freshQueueName("release")];
    const coordinator = start(["compare", "--config", config, "--out", out, ...q]);
    await coordinator.waitFor(/1 cell\(s\) to run/);
    const worker = start(["worker", ...q, "--lock-duration-ms", "600000"]); // a lock that would outlast the test
    await worker.waitFor(/start /);
    worker.proc.kill("SIGTERM");
    await worker.waitFor(/SIGTERM: finishing/);
    worker.proc.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.err()).toMatch(/SIGTERM: putting the running cell\(s\) back in the queue/);
    expect(worker.err()).not.toMatch(/done /);
    const next = start(["worker", ...q]);
    expect(await coordinator.exited).toBe(0);
    expect(next.err()).toMatch(/done bace seed 1/);
    expect(coordinator.err()).not.toMatch(/stopped renewing the lock/);
    expect(resultIds(path.join(out, "results.jsonl"))).toHaveLength(1);
  }, 240_000);
});
