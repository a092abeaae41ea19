/**
 * Worker-thread entry of the harness pool: runs the cells it is sent, one at
 * a time, and posts each record back (protocol in ./pool.ts).
 */
import { parentPort } from "node:worker_threads";
import type { PoolReply, PoolRequest } from "./pool.js";
import { runCell } from "./runCell.js";

const port = parentPort;
if (port !== null) {
  port.on("message", (m: PoolRequest) => {
    void runCell(m.cell, m.ctx).then((record) => port.postMessage({ kind: "done", seq: m.seq, record } satisfies PoolReply));
  });
  port.postMessage({ kind: "ready" } satisfies PoolReply);
}
