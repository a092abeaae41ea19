/**
 * Solver benchmark: placement MILPs along a size ladder, every backend, same
 * models, verified results.
 *
 *   npx tsx bench/solvers/run.ts [--reps 5] [--max-vars N] [--time-limit S]
 *                                [--backends highs,glpk,jslp] [--seed 1] [--out bench/out/solvers]
 *
 * For each rung it writes `<out>/<name>.lp` and `.mps` (so external solvers
 * can be timed on the same files), then solves the model `reps` times per
 * backend in a child process ({@link ./solveChild.ts}) that the parent kills
 * when a solve runs past `time-limit` + grace. Every point is re-checked
 * (`check.ok`), and objectives are compared with HiGHS's. After a backend hits
 * the limit, its remaining repetitions and larger rungs are skipped.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { textTable } from "../../src/cli/table.js";
import { isBackendName } from "../../src/lp/backends/index.js";
import { writeLp } from "../../src/lp/lpWriter.js";
import { writeMps } from "../../src/lp/mpsWriter.js";
import type { BackendName } from "../../src/lp/result.js";
import { LADDER, modelStats, placementMilp, placementVarCount } from "./placementMilp.js";
import type { RepLine } from "./solveChild.js";
import { agree, summarise, type Cell } from "./summary.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, "solveChild.ts");

/** Command-line options after parsing. */
interface RunOptions {
  readonly reps: number;
  readonly maxVars: number;
  readonly timeLimit: number;
  readonly backends: ReadonlyArray<BackendName>;
  readonly seed: number;
  readonly out: string;
}

/** Seconds past the per-solve limit before the parent kills a silent child (process start and WASM load included). */
const GRACE_SEC = 15;

function positive(name: string, fix: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new Error(`--${name}: expected a positive number, got "${value}"; ${fix}`);
    return n;
  };
}

function parseArgs(argv: ReadonlyArray<string>): RunOptions {
  const cmd = new Command("bench:solvers")
    .option("--reps <n>", "solves per model and backend", positive("reps", "e.g. --reps 3"), 5)
    .option("--max-vars <n>", "skip ladder rungs with more variables", positive("max-vars", "e.g. --max-vars 1000"), Infinity)
    .option("--time-limit <sec>", "per-solve limit in seconds", positive("time-limit", "e.g. --time-limit 30"), 60)
    .option("--backends <list>", "comma-separated backends", "highs,glpk,jslp")
    .option("--seed <n>", "PRNG seed of the generator", (v: string) => Number(v), 1)
    .option("--out <dir>", "where the .lp/.mps exports go", "bench/out/solvers");
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{ reps: number; maxVars: number; timeLimit: number; backends: string; seed: number; out: string }>();
  const backends = o.backends.split(",").map((s) => s.trim());
  for (const b of backends) {
    if (!isBackendName(b)) throw new Error(`--backends: unknown backend "${b}"; use a comma-separated subset of highs,glpk,jslp`);
  }
  if (!Number.isInteger(o.seed)) throw new Error(`--seed: expected an integer, got ${o.seed}`);
  return { ...o, reps: Math.floor(o.reps), backends: backends as BackendName[] };
}

/** Runs one child; resolves with its lines and whether it had to be killed. */
function runChild(
  backend: BackendName,
  regions: number,
  stages: number,
  o: RunOptions,
): Promise<{ lines: RepLine[]; killed: boolean; error: string }> {
  return new Promise((done) => {
    const args = ["--import", "tsx", CHILD, backend, String(regions), String(stages), String(o.seed), String(o.reps), String(o.timeLimit)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const lines: RepLine[] = [];
    let killed = false;
    let buffered = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
      }, (o.timeLimit + GRACE_SEC) * 1000);
    };
    arm();
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let nl = buffered.indexOf("\n");
      while (nl >= 0) {
        const text = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (text.startsWith("{")) {
          const line = JSON.parse(text) as RepLine;
          lines.push(line);
          arm();
          // A solve that hit the limit will hit it again: stop repeating it.
          if (line.termination === "time_limit" || line.timeMs >= o.timeLimit * 1000) child.kill("SIGKILL");
        }
        nl = buffered.indexOf("\n");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("close", (code) => {
      if (timer !== undefined) clearTimeout(timer);
      const error = code === 0 || killed ? "" : `exit ${code}: ${stderr.trim().split("\n").slice(-1)[0] ?? ""}`;
      done({ lines, killed, error });
    });
  });
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg().map((x) => x.toFixed(2)).join(" ");
  return [
    `node ${process.version} on ${process.platform}/${process.arch}`,
    `cpu: ${cpu[0]?.model ?? "unknown"} × ${cpu.length}, memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `load average at start: ${load}`,
    `started: ${new Date().toISOString()}`,
  ].join("\n");
}

function cellText(cell: Cell | undefined, limitSec: number): string {
  if (cell === undefined) return "-";
  if (cell.status === "ok" && cell.medianMs !== null) return cell.medianMs.toFixed(0);
  if (cell.status === "limit" || cell.status === "skipped") return `>${limitSec}s`;
  return "failed";
}

async function main(argv: ReadonlyArray<string>): Promise<void> {
  const o = parseArgs(argv);
  const outDir = resolve(o.out);
  mkdirSync(outDir, { recursive: true });
  console.log(machine());
  console.log(`reps ${o.reps}, per-solve limit ${o.timeLimit}s, backends ${o.backends.join(",")}, seed ${o.seed}, exports in ${o.out}\n`);

  const rungs = LADDER.filter((r) => placementVarCount(r.regions, r.stages) <= o.maxVars);
  const gaveUp = new Set<BackendName>();
  const rows: Array<Array<string | number>> = [];
  for (const rung of rungs) {
    const model = placementMilp({ regions: rung.regions, stages: rung.stages, seed: o.seed });
    const name = `${rung.name}_seed${o.seed}`;
    writeFileSync(join(outDir, `${name}.lp`), writeLp(model));
    writeFileSync(join(outDir, `${name}.mps`), writeMps(model, { format: "free" }));
    const stats = modelStats(model);
    const cells = new Map<BackendName, Cell>();
    for (const b of o.backends) {
      if (gaveUp.has(b)) {
        cells.set(b, { status: "skipped", medianMs: null, objective: null, note: `${b} skipped (hit the limit on a smaller rung)` });
        continue;
      }
      const run = await runChild(b, rung.regions, rung.stages, o);
      const cell = summarise(run.lines, o.reps, run.killed, run.error, o.timeLimit * 1000);
      if (cell.status === "limit") gaveUp.add(b);
      cells.set(b, cell);
      process.stderr.write(`${name} ${b}: ${cell.status} ${cell.medianMs?.toFixed(0) ?? "-"} ms ${cell.note}\n`);
    }
    const ref = cells.get("highs");
    const refMs = ref?.status === "ok" ? ref.medianMs : null;
    const refObj = ref?.objective ?? null;
    const notes: string[] = [];
    const row: Array<string | number> = [rung.name, stats.vars, stats.rows, stats.nonzeros];
    for (const b of o.backends) {
      const cell = cells.get(b);
      row.push(cellText(cell, o.timeLimit));
      if (b !== "highs") {
        const ratio = cell?.status === "ok" && cell.medianMs !== null && refMs !== null && refMs > 0 ? cell.medianMs / refMs : null;
        row.push(ratio === null ? "-" : `${ratio.toFixed(1)}x`);
      }
      if (cell !== undefined && cell.note !== "") notes.push(`${b}: ${cell.note}`);
      if (cell?.objective != null && refObj !== null && b !== "highs" && !agree(refObj, cell.objective)) {
        notes.push(`${b} DISAGREES: ${cell.objective} vs highs ${refObj}`);
      }
    }
    row.push(refObj === null ? "-" : refObj.toFixed(4));
    row.push(notes.length === 0 ? "ok" : notes.join("; "));
    rows.push(row);
  }
  const header = ["model", "vars", "rows", "nonzeros"];
  for (const b of o.backends) {
    header.push(`${b} ms`);
    if (b !== "highs") header.push(`${b}/highs`);
  }
  header.push("objective", "status");
  console.log(textTable(header, rows));
  console.log(`\nms = median wall time of a solve (model hand-over included) over ${o.reps} verified optimal solves; >Ns = hit the per-solve limit or skipped after hitting it.`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
