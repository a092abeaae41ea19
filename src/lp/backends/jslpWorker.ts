/**
 * Worker-thread entry of the javascript-lp-solver backend: runs one raw solve
 * per message, so that the parent can terminate a solve that runs past its
 * time limit (the solver checks its own `timeout` only between branch-and-bound
 * nodes, and not at all inside a long simplex). Spawned by `jslpWorkerRun.ts`.
 */
import { parentPort } from "node:worker_threads";
import { solveRaw } from "./jslpSolver.js";
import type { JslpRequest, JslpReply } from "./jslpWorkerRun.js";

const port = parentPort;
if (port === null) throw new Error("jslpWorker: this file is a worker-thread entry; spawn it with new Worker(...)");

const send = (reply: JslpReply): void => port.postMessage(reply);

port.on("message", (request: JslpRequest) => {
  const start = performance.now();
  try {
    const raw = solveRaw(request.model, request.options);
    send({ kind: "done", id: request.id, raw, elapsedMs: performance.now() - start });
  } catch (e) {
    send({ kind: "error", id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
});
send({ kind: "ready", id: 0 });
