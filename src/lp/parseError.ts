/**
 * The one error class for malformed LP and MPS text: a user-input error that
 * says what is wrong and on which line.
 */

/** Text format a {@link ParseError} comes from. */
export type TextFormat = "lp" | "mps";

/** Thrown by `readLp`/`readMps` for malformed input. */
export class ParseError extends Error {
  override readonly name = "ParseError";
  /** 1-based line of the offending text (0 when the problem is the file as a whole). */
  readonly line: number;
  /** Which reader raised it. */
  readonly format: TextFormat;
  /** The message without the `line N: ` prefix. */
  readonly detail: string;

  constructor(format: TextFormat, line: number, detail: string) {
    super(line > 0 ? `line ${line}: ${detail}` : detail);
    this.format = format;
    this.line = line;
    this.detail = detail;
  }
}

/** Alias kept for readability at LP call sites. */
export { ParseError as LpParseError, ParseError as MpsParseError };
