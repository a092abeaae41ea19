/**
 * Errors caused by the user's input (a bad file, flag or name). The CLI prints
 * their message without a stack trace and exits with {@link USER_ERROR_EXIT}.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** Exit code for a user mistake (bad file, flag, or name). */
export const USER_ERROR_EXIT = 2;
/** Exit code when a solver returned a point that the checker rejected. */
export const REJECTED_POINT_EXIT = 3;
