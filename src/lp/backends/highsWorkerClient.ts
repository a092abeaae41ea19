/**
 * Parent side of the HiGHS solver worker: one persistent `worker_threads`
 * Worker, re-used between solves and spawned lazily. Jobs run one at a time.
 * A job may carry a hard wall-clock limit: when the worker has not answered
 * by then, it is terminated (the next job spawns a fresh one) and the job
 * resolves with the last incumbent the worker reported.
 *
 * The worker script is found by `workerScript.ts` (compiled `.js` in `dist/`,
 * or the `.ts` source through tsx under vitest and tsx).
 */
import type { Worker } from "node:worker_threads";
import type { HighsProblem } from "./highsProblem.js";
import type { SolveRequest, WorkerMessage } from "./highsProtocol.js";
import type { Incumbent, RunOutcome, RunSettings } from "./highsRun.js";
import { spawnWorker, type WorkerScript } from "./workerScript.js";

export { locateWorkerScript, type WorkerScript } from "./workerScript.js";

/** How a worker job ended. */
export interface WorkerJobResult {
  /** The worker's answer; null when it was killed or crashed. */
  readonly outcome: RunOutcome | null;
  /** Last improving incumbent received before the end; null when none. */
  readonly lastIncumbent: Incumbent | null;
  /** True when the hard limit expired and the worker was terminated. */
  readonly killed: boolean;
  /** Why the worker failed (error or unexpected exit); null otherwise. */
  readonly crashed: string | null;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Longest wait for a new worker to load HiGHS before its first job counts as failed. */
export const WORKER_STARTUP_TIMEOUT_MS = 60_000;

/** A spawned worker and the promise that it is ready (null) or failed (the reason). */
interface LiveWorker {
  readonly worker: Worker;
  readonly ready: Promise<string | null>;
}

/** A persistent solver worker with a serial job queue. */
export class HighsWorkerClient {
  private live: LiveWorker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private spawnCount = 0;

  constructor(private readonly script: WorkerScript) {}

  /** Workers spawned so far (1 + one per kill or crash that was followed by a job). */
  get spawned(): number {
    return this.spawnCount;
  }

  /**
   * Queues a job. `hardLimitMs` (null for none) counts from when the worker,
   * with HiGHS loaded, receives the job; spawning and loading are not charged to it.
   */
  solve(problem: HighsProblem, settings: RunSettings, hardLimitMs: number | null): Promise<WorkerJobResult> {
    const job = this.queue.then(() => this.run(problem, settings, hardLimitMs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /**
   * Terminates the worker (if any) now. A job in flight resolves as crashed
   * (`other_error`, with its last incumbent); a later job spawns a new worker.
   */
  async shutdown(): Promise<void> {
    const live = this.live;
    this.live = null;
    if (live !== null) await live.worker.terminate();
  }

  private spawn(): LiveWorker {
    if (this.live !== null) return this.live;
    const worker = spawnWorker(this.script);
    worker.unref(); // an idle worker must not keep the process alive
    const ready = new Promise<string | null>((resolve) => {
      const done = (reason: string | null): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (reason !== null) this.drop(worker);
        resolve(reason);
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.kind === "ready") done(null);
      };
      const onError = (e: unknown): void => done(`HiGHS worker failed to start: ${errorText(e)}`);
      const onExit = (code: number): void => done(`HiGHS worker exited with code ${code} while starting`);
      const timer = setTimeout(() => done(`HiGHS worker did not start within ${WORKER_STARTUP_TIMEOUT_MS} ms`), WORKER_STARTUP_TIMEOUT_MS);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
    this.live = { worker, ready };
    this.spawnCount++;
    return this.live;
  }

  private drop(worker: Worker): void {
    if (this.live?.worker === worker) this.live = null;
    worker.terminate().catch(() => undefined);
  }

  private async run(problem: HighsProblem, settings: RunSettings, hardLimitMs: number | null): Promise<WorkerJobResult> {
    let live: LiveWorker;
    try {
      live = this.spawn();
    } catch (e) {
      return { outcome: null, lastIncumbent: null, killed: false, crashed: `spawning the HiGHS worker failed: ${errorText(e)}` };
    }
    live.worker.ref(); // keep the process alive while a job waits or runs
    const failed = await live.ready;
    if (failed !== null) return { outcome: null, lastIncumbent: null, killed: false, crashed: failed };
    return this.post(live.worker, problem, settings, hardLimitMs);
  }

  private post(worker: Worker, problem: HighsProblem, settings: RunSettings, hardLimitMs: number | null): Promise<WorkerJobResult> {
    const id = this.nextId++;
    return new Promise<WorkerJobResult>((resolve) => {
      let last: Incumbent | null = null;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const finish = (result: Omit<WorkerJobResult, "lastIncumbent">): void => {
        if (settled) return;
        settled = true;
        if (timer !== null) clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        worker.unref();
        resolve({ ...result, lastIncumbent: last });
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.id !== id) return;
        if (m.kind === "incumbent") last = m.incumbent;
        else if (m.kind === "done") finish({ outcome: m.outcome, killed: false, crashed: null });
      };
      const onError = (e: unknown): void => {
        this.drop(worker);
        finish({ outcome: null, killed: false, crashed: `HiGHS worker failed: ${errorText(e)}` });
      };
      const onExit = (code: number): void => {
        if (this.live?.worker === worker) this.live = null;
        finish({ outcome: null, killed: false, crashed: `HiGHS worker exited with code ${code}` });
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      if (hardLimitMs !== null) {
        timer = setTimeout(() => {
          this.drop(worker);
          finish({ outcome: null, killed: true, crashed: null });
        }, hardLimitMs);
      }
      const request: SolveRequest = { kind: "solve", id, problem, settings };
      worker.postMessage(request);
    });
  }
}
