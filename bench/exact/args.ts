/** Command-line flags of the bench/exact scripts: `--name value`. */

/** The value after `--name`, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** A comma-separated list of positive numbers. */
export const list = (s: string): number[] => s.split(",").map(Number).filter((n) => n > 0);
