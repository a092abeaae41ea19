/**
 * Maps names read from LP/MPS text onto names {@link isSafeName} accepts,
 * reporting every change.
 */
import { isSafeName } from "../model.js";

/** Longest name the renamer produces (leaves room for a de-duplicating suffix). */
const MAX_BASE_CHARS = 240;

/** The safe form of one name, before de-duplication: unsafe characters become `_`. */
export function safeForm(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_.#]/g, "_");
  if (!isSafeName(s)) s = `_${s}`; // digits or '.' first, an exponent-like start, an LP keyword, inf/nan
  return s.length > MAX_BASE_CHARS ? s.slice(0, MAX_BASE_CHARS) : s;
}

/**
 * Safe names for `names` (in order): safe names stay as they are; each unsafe one
 * gets its {@link safeForm}, with `_2`, `_3`, … appended until it clashes with no
 * other name in `names` nor in `reserved`. Returns original → new for changed names only.
 */
export function renameUnsafe(names: Iterable<string>, reserved: Iterable<string> = []): Map<string, string> {
  const all = [...names];
  const taken = new Set<string>([...reserved, ...all.filter((n) => isSafeName(n))]);
  const renamed = new Map<string, string>();
  for (const name of all) {
    if (isSafeName(name) || renamed.has(name)) continue;
    const base = safeForm(name);
    let candidate = base;
    for (let k = 2; taken.has(candidate); k++) candidate = `${base}_${k}`;
    taken.add(candidate);
    renamed.set(name, candidate);
  }
  return renamed;
}
