/**
 * Errors of the cost model as values. Every function that can meet a bad
 * placement (a path of the wrong length, an unknown region, two regions with
 * no link) returns a {@link CostResult} instead of throwing; the message names
 * the field path and the fix.
 */

/** Why a placement could not be evaluated. */
export type CostError =
  | {
      readonly kind: "model_mismatch";
      /** `job.model`. */
      readonly jobModel: string;
      /** `model.name` of the model passed in. */
      readonly modelName: string;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    }
  | {
      readonly kind: "invalid_job";
      /** Field path inside the job, e.g. `"stages"`. */
      readonly field: string;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    }
  | {
      readonly kind: "path_length";
      /** `job.stages`. */
      readonly expected: number;
      /** `path.length`. */
      readonly actual: number;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    }
  | {
      readonly kind: "unknown_region";
      /** 0-based stage index into the path. */
      readonly stage: number;
      readonly regionId: string;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    }
  | {
      readonly kind: "no_link";
      /** 0-based index of the sending stage (the hop goes from `stage` to `stage + 1`); -1 when not known. */
      readonly stage: number;
      readonly from: string;
      readonly to: string;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    }
  | {
      readonly kind: "invalid_price";
      readonly regionId: string;
      /** What is wrong, naming the field path and the fix. */
      readonly message: string;
    };

/** A value or the reason there is none. */
export type CostResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CostError };

/** Thrown only by the `...OrThrow` conveniences; carries the {@link CostError} value. */
export class CostModelError extends Error {
  override readonly name = "CostModelError";
  /** The error value the non-throwing function returned. */
  readonly error: CostError;

  constructor(error: CostError) {
    super(error.message);
    this.error = error;
  }
}

/** Wraps a value as a successful {@link CostResult}. */
export function ok<T>(value: T): CostResult<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed {@link CostResult}. */
export function fail<T>(error: CostError): CostResult<T> {
  return { ok: false, error };
}

/** The value of a result, or throws {@link CostModelError} with its message. */
export function unwrap<T>(result: CostResult<T>): T {
  if (!result.ok) throw new CostModelError(result.error);
  return result.value;
}
