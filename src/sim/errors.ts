/** Errors of the simulator: bad input at the boundary, and a run the verifier rejected. */

/** The input of {@link simulate} is malformed (duplicate job id, bad arrival); the message names the field and the fix. */
export class SimInputError extends Error {
  override readonly name = "SimInputError";
}

/** One thing the verifier found wrong in a run. */
export interface Violation {
  /** The job concerned; `null` for a check on the whole run (e.g. the summary). */
  readonly jobId: string | null;
  /** The instant concerned, seconds; `null` when not tied to one. */
  readonly timeSec: number | null;
  /** The resource or field, e.g. `gpus:us-east-1`, `link:a <-> b`, `costUsd`. */
  readonly resource: string;
  /** What is wrong. */
  readonly message: string;
}

/** Thrown by `simulate` when the verifier rejects its own run: a simulator bug, never a policy's fault. */
export class VerificationError extends Error {
  override readonly name = "VerificationError";
  /** Every violation found. */
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    const shown = violations.slice(0, 20).map((v) => `  - ${v.message}`);
    const more = violations.length > 20 ? [`  … and ${violations.length - 20} more`] : [];
    super([`the schedule verifier rejected the run (${violations.length} violations):`, ...shown, ...more].join("\n"));
    this.violations = violations;
  }
}
