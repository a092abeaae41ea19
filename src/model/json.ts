/**
 * Reading JSON files with errors a user can act on: a missing file says which
 * file and what to pass; invalid JSON gives the line and column.
 */
import { readFileSync } from "node:fs";
import type { InstanceIssue } from "./issues.js";

/** Parsed JSON, or the one issue that stopped it. */
export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: InstanceIssue };

/**
 * Reads and parses `path`. `role` says what the file is and how to pass it,
 * e.g. `"the topology file (topologyPath)"`, for the missing-file message.
 */
export function readJsonFile(path: string, role: string): JsonResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot read it (${code ?? String(e)})`;
    return { ok: false, issue: { file: path, path: "", message: `${why}; pass the path of ${role}` } };
  }
  return parseJsonText(text, path);
}

/** Parses JSON text; a syntax error becomes an issue with 1-based line and column. */
export function parseJsonText(text: string, file: string): JsonResult {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const m = /at position (\d+)/.exec(raw);
    const pos = m !== null ? Number(m[1]) : (jsonErrorOffset(body) ?? body.length);
    const { line, column } = lineColumn(body, pos);
    const what = raw
      .replace(/\s*in JSON at position \d+.*$/, "")
      .replace(/, ".*" is not valid JSON$/s, "");
    return {
      ok: false,
      issue: { file, path: "", message: `invalid JSON at line ${line}, column ${column}: ${what}; fix the syntax there` },
    };
  }
}

/** 1-based line and column of character offset `pos` in `text`. */
export function lineColumn(text: string, pos: number): { readonly line: number; readonly column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offset of the first syntax error in `text` by a small JSON scanner, or null
 * if it finds none. Used when the engine's message carries no position.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const str = (): void => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = (): void => {
    const re = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) num();
    else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : null;
  }
}
