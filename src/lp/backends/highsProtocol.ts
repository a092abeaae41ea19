/**
 * Messages between the parent and the HiGHS solver worker
 * (`highsWorker.ts`). All payloads are structured-cloneable.
 */
import type { HighsProblem } from "./highsProblem.js";
import type { Incumbent, RunOutcome, RunSettings } from "./highsRun.js";

/** Parent → worker: solve one problem. */
export interface SolveRequest {
  readonly kind: "solve";
  /** Job id, echoed in every reply. */
  readonly id: number;
  /** The model as arrays. */
  readonly problem: HighsProblem;
  /** Solver settings. */
  readonly settings: RunSettings;
}

/** Worker → parent: an improving MIP incumbent of job `id`. */
export interface IncumbentMessage {
  readonly kind: "incumbent";
  /** Job id. */
  readonly id: number;
  /** The incumbent. */
  readonly incumbent: Incumbent;
}

/** Worker → parent: job `id` finished. */
export interface DoneMessage {
  readonly kind: "done";
  /** Job id. */
  readonly id: number;
  /** What the run produced. */
  readonly outcome: RunOutcome;
}

/** Worker → parent, once after start: HiGHS is loaded (or failed to load, then the first job reports why). */
export interface ReadyMessage {
  readonly kind: "ready";
  /** Always 0: the message belongs to no job. */
  readonly id: 0;
}

/** Any message the worker sends. */
export type WorkerMessage = IncumbentMessage | DoneMessage | ReadyMessage;
