/**
 * Finds a worker-thread script next to a module: the compiled `.js` when it
 * exists (dist), else the `.ts` source started through tsx's `tsImport` from
 * an eval'd bootstrap (the approach of src/lp/backends/highsWorkerClient.ts:
 * `execArgv: ["--import", "tsx"]` does not work for worker entries on Node 20).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** How to start a worker: a script URL, or bootstrap code to eval. */
export type WorkerEntry =
  | { readonly kind: "file"; readonly url: URL }
  | { readonly kind: "eval"; readonly code: string; readonly entry: URL };

/** The worker `base` (no extension) relative to `importMetaUrl`; null when neither `.js` nor `.ts` with tsx is usable. */
export function locateWorkerEntry(base: string, importMetaUrl: string): WorkerEntry | null {
  const js = new URL(`${base}.js`, importMetaUrl);
  if (existsSync(fileURLToPath(js))) return { kind: "file", url: js };
  const ts = new URL(`${base}.ts`, importMetaUrl);
  if (!existsSync(fileURLToPath(ts))) return null;
  let tsxApi: string;
  try {
    const tsxPackage = createRequire(importMetaUrl).resolve("tsx/package.json");
    tsxApi = new URL("./dist/esm/api/index.mjs", pathToFileURL(tsxPackage)).href;
  } catch {
    return null;
  }
  const code =
    `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(ts.href)}))` +
    `.catch((e) => { setImmediate(() => { throw e; }); });`;
  return { kind: "eval", code, entry: ts };
}

/** Starts a worker from an entry. */
export function startWorker(entry: WorkerEntry): Worker {
  return entry.kind === "file" ? new Worker(entry.url) : new Worker(entry.code, { eval: true });
}
