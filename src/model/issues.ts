/**
 * Problems found in instance files, and the error that carries them.
 *
 * Every issue names its file and field path and says what is wrong and how to
 * fix it, in the form `topology.json: links[3].bandwidthGbps: must be > 0, got -1`.
 * Several issues are reported together, one per line.
 */

/** One problem in one file. */
export interface InstanceIssue {
  /** The file as the caller named it, e.g. `instances/default/topology.json`. */
  readonly file: string;
  /** Field path like `links[3].bandwidthGbps`; empty for the whole file. */
  readonly path: string;
  /** What is wrong and, where it helps, what to do. */
  readonly message: string;
}

/** Thrown by the loaders when input files are missing or invalid. Holds every issue found. */
export class InstanceError extends Error {
  override readonly name = "InstanceError";
  /** All issues, in file order; at least one. */
  readonly issues: readonly InstanceIssue[];
  /** File of the first issue. */
  readonly file: string;
  /** Field path of the first issue (empty for the whole file). */
  readonly path: string;

  constructor(issues: readonly InstanceIssue[]) {
    const list = issues.length > 0 ? issues : [{ file: "", path: "", message: "invalid instance" }];
    super(list.map(formatIssue).join("\n"));
    this.issues = list;
    this.file = list[0]!.file;
    this.path = list[0]!.path;
  }
}

/** One line: `file: path: message` (the path part left out when empty). */
export function formatIssue(issue: InstanceIssue): string {
  const where = issue.path === "" ? issue.file : `${issue.file}: ${issue.path}`;
  return where === "" ? issue.message : `${where}: ${issue.message}`;
}

/** Path segments to text: `["links", 3, "bandwidthGbps"]` → `links[3].bandwidthGbps`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === "" ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** A short description of a value for messages: `-1`, `"abc"`, `an object`, `an array of 3`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate to `word` if it is close enough to be a likely typo, else null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** `valid ids: a, b, c` style list, shortened after `max` items. */
export function listValid(values: readonly string[], max = 30): string {
  const shown = values.slice(0, max).join(", ");
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}
