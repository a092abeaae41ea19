import path from "node:path";
import { Queue } from "bullmq";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readHarnessConfig } from "../../../src/cli/compareCommand.js";
import { expandCells } from "../../../src/harness/cells.js";
import { runOnQueue } from "../../../src/harness/queue/coordinator.js";
import { parseRedisUrl, connectionOptions, type RedisTarget } from "../../../src/harness/queue/redisUrl.js";
import type { CellRecord } from "../../../src/harness/results.js";
import { freshQueueName, geopipe, redisUrl, ROOT, RUN_QUEUE_TESTS, writeConfig, type CliChild } from "./processes.js";

const MODELS = path.join(ROOT, "models");
const children: CliChild[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) {
      c.proc.kill("SIGKILL");
      await c.exited;
    }
  }
});

function target(url: string): RedisTarget {
  const r = parseRedisUrl(url);
  if (!r.ok) throw new Error(r.message);
  return r.target;
}

const config = (): string =>
  writeConfig({ name: "mini", topologies: [path.join(ROOT, "instances/default/topology.json")], workloads: [{ kind: "generated", jobs: 6 }], schedulers: ["bace", "delay-first"], seeds: [1] });

describe.skipIf(!RUN_QUEUE_TESTS)("runOnQueue (real redis-server)", () => {
  let url = "";
  beforeAll(() => {
    url = redisUrl();
  });

  it("runOnQueue(cells) from another code version: the worker refuses each job without retrying, and the coordinator records and reports why", async () => {
    const cells = expandCells(readHarnessConfig(config()));
    const queueName = freshQueueName("version");
    const worker = geopipe(["worker", "--queue", url, "--queue-name", queueName]);
    children.push(worker);
    const records: CellRecord[] = [];
    const notes: string[] = [];
    await runOnQueue(cells, { baseDir: ROOT, modelsDir: MODELS }, (r) => records.push(r), {
      target: target(url),
      queueName,
      attempts: 3,
      codeVersion: "0.0.0+test.000000000000",
      onNote: (l) => notes.push(l),
    });
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.status).toBe("error");
      expect(r.status === "error" ? r.error : "").toMatch(/^CodeVersionMismatch: .* was queued by geopipe 0\.0\.0\+test\.000000000000 .*, worker .* runs 0\.1\.0\+src\.[0-9a-f]{12}; install the coordinator's version on every worker$/);
    }
    expect(notes.filter((n) => /failed after 1 attempt\(s\): CodeVersionMismatch/.test(n))).toHaveLength(2);
    expect(worker.err()).toMatch(/refused bace seed 1/);
  }, 120_000);

  it("runOnQueue(cells) twice on the same cells adds each job once (job ids are idempotency keys), and removes the jobs it collected", async () => {
    const cells = expandCells(readHarnessConfig(config()));
    const queueName = freshQueueName("idempotent");
    const t = target(url);
    const ctx = { baseDir: ROOT, modelsDir: MODELS };
    const queue = new Queue(queueName, { connection: connectionOptions(t) });
    try {
      const firstRecords: CellRecord[] = [];
      const secondRecords: CellRecord[] = [];
      const waiting: string[] = [];
      const onNote = (who: string) => (line: string) => {
        if (/no worker is connected/.test(line)) waiting.push(who); // said after its jobs were added
      };
      const first = runOnQueue(cells, ctx, (r) => firstRecords.push(r), { target: t, queueName, pollMs: 200, onNote: onNote("first") });
      const second = runOnQueue(cells, ctx, (r) => secondRecords.push(r), { target: t, queueName, pollMs: 200, onNote: onNote("second") });
      for (let i = 0; i < 600 && waiting.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(waiting.sort()).toEqual(["first", "second"]);
      expect(await queue.getJobCountByTypes("waiting", "active", "completed", "failed")).toBe(2);
      const worker = geopipe(["worker", "--queue", url, "--queue-name", queueName]);
      children.push(worker);
      await Promise.all([first, second]);
      expect(firstRecords.map((r) => r.status)).toEqual(["ok", "ok"]);
      expect(secondRecords.map((r) => r.status)).toEqual(["ok", "ok"]);
      expect(await queue.getJobCountByTypes("waiting", "active", "completed", "failed", "delayed")).toBe(0);
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  }, 120_000);
});
