/**
 * Worker-thread entry of the harness: runs the cells it is sent, one at a
 * time, and posts each record back (protocol in ./threadLane.ts). A cell's
 * input is read from files (local pool) or comes with the request (queue).
 */
import { parentPort } from "node:worker_threads";
import { runResolvedCell } from "./queue/resolvedInputs.js";
import { runCell } from "./runCell.js";
import type { LaneReply, LaneRequest } from "./threadLane.js";

const port = parentPort;
if (port !== null) {
  port.on("message", (m: LaneRequest) => {
    const run = m.source.kind === "files" ? runCell(m.cell, m.source.ctx) : runResolvedCell(m.cell, m.source.inputs);
    void run.then((record) => port.postMessage({ kind: "done", seq: m.seq, record } satisfies LaneReply));
  });
  port.postMessage({ kind: "ready" } satisfies LaneReply);
}
