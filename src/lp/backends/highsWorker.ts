/**
 * Worker-thread entry of the HiGHS backend: loads HiGHS once (per runtime;
 * again after a trap), solves the problems the parent posts one at a time, and
 * posts every improving MIP incumbent as it is found, so the parent can stop
 * the worker at any moment and keep the best point so far.
 *
 * Spawned by `highsWorkerClient.ts`; compiled to `dist/lp/backends/highsWorker.js`,
 * and run from source through `--import tsx` under vitest and tsx.
 */
import { parentPort } from "node:worker_threads";
import type { SolveRequest, WorkerMessage } from "./highsProtocol.js";
import { runOnHeldRuntime } from "./highsRun.js";
import { acquireHighs } from "./highsRuntime.js";

const port = parentPort;
if (port === null) throw new Error("highsWorker: this file is a worker-thread entry; spawn it with new Worker(...)");

function send(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

// Load HiGHS before the first job, so a job's time limit does not pay for it.
void acquireHighs()
  .catch(() => undefined)
  .then(() => send({ kind: "ready", id: 0 }));

port.on("message", (request: SolveRequest) => {
  if (request.kind !== "solve") return;
  void runOnHeldRuntime(request.problem, request.settings, (incumbent) => {
    send({ kind: "incumbent", id: request.id, incumbent }, [incumbent.values.buffer as ArrayBuffer]);
  }).then((outcome) => {
    send({ kind: "done", id: request.id, outcome });
  });
});
