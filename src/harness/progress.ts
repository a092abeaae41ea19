/**
 * Progress of a harness run on stderr: a cli-progress bar on a TTY, else one
 * line per finished cell, at most one line per `throttleMs` (the last cell
 * and every failure are always written).
 */
import cliProgress from "cli-progress";
import type { CellSpec } from "./cells.js";
import type { CellRecord } from "./results.js";

/** Reports finished cells. */
export interface Progress {
  /** A cell finished. */
  tick(record: CellRecord): void;
  /** The run ended. */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where to write; default process.stderr. */
  readonly stream?: NodeJS.WriteStream;
  /** Shortest gap between two plain lines, ms; default 1000. */
  readonly throttleMs?: number;
}

/** Defaults of {@link ProgressOptions}. */
export const DEFAULT_PROGRESS_OPTIONS: Required<ProgressOptions> = { stream: process.stderr, throttleMs: 1000 };

/** A cell's short label in progress lines: scheduler, seed and scenario. */
export function cellLabel(spec: CellSpec): string {
  return `${spec.scheduler} seed ${spec.seed} bw×${spec.bandwidthScale} load×${spec.load}`;
}

function label(r: CellRecord): string {
  return cellLabel(r.spec);
}

/** A progress reporter for `total` cells to run. */
export function createProgress(total: number, options: ProgressOptions = {}): Progress {
  const o = { ...DEFAULT_PROGRESS_OPTIONS, ...options };
  let done = 0;
  let failed = 0;
  if (o.stream.isTTY === true) {
    const bar = new cliProgress.SingleBar(
      { stream: o.stream, format: "cells [{bar}] {value}/{total} | failed {failed} | eta {eta_formatted} | {last}", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0, last: "" });
    return {
      tick(r) {
        if (r.status === "error") failed++;
        bar.increment(1, { failed, last: label(r) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastMs = -Infinity;
  return {
    tick(r) {
      done++;
      if (r.status === "error") failed++;
      const now = performance.now();
      if (r.status === "ok" && done < total && now - lastMs < o.throttleMs) return;
      lastMs = now;
      const what = r.status === "ok" ? `${(r.wallMs / 1000).toFixed(1)} s` : `FAILED: ${r.error}`;
      o.stream.write(`[${done}/${total}] ${label(r)}: ${what}${failed > 0 ? ` (${failed} failed)` : ""}\n`);
    },
    stop() {},
  };
}
