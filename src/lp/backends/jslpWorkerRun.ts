/**
 * Parent side of the javascript-lp-solver worker: a session is one worker
 * thread, spawned for one time-limited solve (the solver loads in
 * milliseconds; a fresh thread per solve needs no recovery after a kill).
 * Each job has a hard wall-clock limit counted from when the ready worker
 * receives it; at the limit the worker is terminated.
 */
import type { Worker } from "node:worker_threads";
import type { JslpModel, JslpResult } from "./jslpSolver.js";
import { locateWorkerScript, spawnWorker } from "./workerScript.js";

/** Parent → worker: solve `model` with `options`. */
export interface JslpRequest {
  /** Job id, echoed in the reply. */
  readonly id: number;
  /** The model in the solver's format. */
  readonly model: JslpModel;
  /** The solver's options. */
  readonly options: JslpModel["options"];
}

/** Worker → parent. */
export type JslpReply =
  | { readonly kind: "ready"; readonly id: 0 }
  | { readonly kind: "done"; readonly id: number; readonly raw: JslpResult; readonly elapsedMs: number }
  | { readonly kind: "error"; readonly id: number; readonly error: string };

/** How a job ended. */
export type JslpJobEnd =
  | { readonly kind: "done"; readonly raw: JslpResult; readonly elapsedMs: number }
  | { readonly kind: "killed" }
  | { readonly kind: "failed"; readonly reason: string };

/** Longest wait for a new worker to start before the solve counts as failed. */
export const JSLP_WORKER_STARTUP_TIMEOUT_MS = 60_000;

/** One worker thread for the jobs of one solve. */
export class JslpWorkerSession {
  private nextId = 1;
  private closed = false;

  private constructor(private readonly worker: Worker) {}

  /** Spawns a worker and waits until it is ready; the reason as text when it cannot start. */
  static async start(): Promise<JslpWorkerSession | string> {
    const script = locateWorkerScript("jslpWorker");
    if (script === null) return "no jslpWorker script next to the backend (and no tsx to run the source)";
    let worker: Worker;
    try {
      worker = spawnWorker(script);
    } catch (e) {
      return `spawning the javascript-lp-solver worker failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    const reason = await new Promise<string | null>((resolve) => {
      const done = (r: string | null): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(r);
      };
      const onMessage = (m: JslpReply): void => {
        if (m.kind === "ready") done(null);
      };
      const onError = (e: unknown): void => done(`the javascript-lp-solver worker failed to start: ${e instanceof Error ? e.message : String(e)}`);
      const onExit = (code: number): void => done(`the javascript-lp-solver worker exited with code ${code} while starting`);
      const timer = setTimeout(() => done(`the javascript-lp-solver worker did not start within ${JSLP_WORKER_STARTUP_TIMEOUT_MS} ms`), JSLP_WORKER_STARTUP_TIMEOUT_MS);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
    if (reason !== null) {
      await worker.terminate();
      return reason;
    }
    return new JslpWorkerSession(worker);
  }

  /** Runs one job; `hardLimitMs` null for none. After a kill the session is closed. */
  run(model: JslpModel, options: JslpModel["options"], hardLimitMs: number | null): Promise<JslpJobEnd> {
    if (this.closed) return Promise.resolve({ kind: "failed", reason: "the javascript-lp-solver worker was already stopped" });
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise<JslpJobEnd>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const finish = (end: JslpJobEnd): void => {
        if (timer !== null) clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(end);
      };
      const onMessage = (m: JslpReply): void => {
        if (m.id !== id) return;
        if (m.kind === "done") finish({ kind: "done", raw: m.raw, elapsedMs: m.elapsedMs });
        else if (m.kind === "error") finish({ kind: "failed", reason: `javascript-lp-solver threw: ${m.error}` });
      };
      const onError = (e: unknown): void => finish({ kind: "failed", reason: `the javascript-lp-solver worker failed: ${e instanceof Error ? e.message : String(e)}` });
      const onExit = (code: number): void => finish({ kind: "failed", reason: `the javascript-lp-solver worker exited with code ${code}` });
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      if (hardLimitMs !== null) {
        timer = setTimeout(() => {
          void this.close();
          finish({ kind: "killed" });
        }, Math.max(0, hardLimitMs));
      }
      const request: JslpRequest = { id, model, options };
      worker.postMessage(request);
    });
  }

  /** Terminates the worker (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
  }
}
