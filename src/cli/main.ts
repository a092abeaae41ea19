#!/usr/bin/env node
/** The `geopipe` command line. */
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { UserError, USER_ERROR_EXIT } from "./errors.js";
import { solveCommand } from "./solve.js";
import { convertCommand } from "./convert.js";
import { inspectCommand } from "./inspect.js";
import { registerCrosspipeCommand } from "./crosspipeCommand.js";
import { registerCbaCommand } from "./cbaCommand.js";
import { registerCompareCommand } from "./compareCommand.js";
import { registerTableCommand } from "./tableCommand.js";
import { registerReportCommand } from "./reportCommand.js";
import { registerMergeCommand } from "./mergeCommand.js";
import { registerWorkerCommand } from "./workerCommand.js";
import { registerTraceCommand } from "./traceCommand.js";
import { registerTopologyCommand } from "./topologyCommand.js";
import { shutdownHighs } from "../lp/backends/highs.js";
import { DEFAULT_TOPOLOGY, DEFAULT_WORKLOAD, MODELS_DIR, PACKAGE_ROOT } from "./paths.js";

/** Errors that are the user's to fix: printed as one message, no stack. */
function isUserError(e: unknown): e is Error {
  return e instanceof Error && (e instanceof UserError || ["InstanceError", "ParseError"].includes(e.name));
}

/** The `version` of the installed package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** Commander's own errors (unknown option, missing argument) as one line with where to look, not the whole help. */
function oneLineErrors(cmd: Command, name: string): void {
  cmd.configureOutput({
    outputError: (text, write) => write(`geopipe: ${text.trim().replace(/^error: /, "").replace(/\s*\n\s*/g, " ")}; see geopipe ${name}--help\n`),
  });
}

export function buildProgram(): Command {
  const program = new Command("geopipe")
    .description("Schedule pipeline-parallel LLM training across geo-distributed GPU regions; measure heuristics against exact MILP optima.")
    .version(packageVersion(), "-V, --version", "print the version of geopipe")
    .exitOverride();

  program
    .command("solve")
    .description("solve an LP or MPS model file and report status, objective, bound and gap")
    .argument("<file>", "model file ending in .lp or .mps")
    .addOption(new Option("--backend <name>", "solver backend").choices(["highs", "glpk", "jslp"]).default("highs"))
    .option("--time-limit <seconds>", "wall-clock limit; the incumbent is returned when it is reached")
    .option("--gap <g>", "relative MIP gap at which to stop (default 0: prove optimality)")
    .option("--no-presolve", "switch presolve off")
    .option("--json", "print one JSON object instead of text")
    .option("--solution <out.json>", "write the variable values to a JSON file")
    .option("--write-lp <file.lp>", "write the model as read to an LP file (before solving)")
    .option("--write-mps <file.mps>", "write the model as read to a free MPS file (before solving)")
    .action(async (file: string, opts) => {
      process.exitCode = await solveCommand(file, opts);
    });

  program
    .command("convert")
    .description("read an LP or MPS model file and write it as LP or MPS (by the output's extension) for another solver")
    .argument("<in>", "model file ending in .lp or .mps")
    .argument("<out>", "output file ending in .lp or .mps")
    .action((input: string, output: string) => {
      process.exitCode = convertCommand(input, output);
    });

  program
    .command("inspect")
    .description("validate an instance and print its regions, links, and each job's cost in every region that can host it")
    .option("--topology <file>", "topology JSON", DEFAULT_TOPOLOGY)
    .option("--workload <file>", "workload JSON", DEFAULT_WORKLOAD)
    .option("--models <dir>", "folder of LLM model JSON files", MODELS_DIR)
    .action(async (opts) => {
      process.exitCode = await inspectCommand(opts);
    });

  program
    .command("simulate")
    .description("run a scheduling policy through the multi-tenant simulator; write jobs.csv and summary.json")
    .option("--topology <file>", "topology JSON", DEFAULT_TOPOLOGY)
    .option("--workload <file|gen:spec>", "workload JSON, or a generated one: gen:jobs=200,load=0.8", DEFAULT_WORKLOAD)
    .option("--models <dir>", "folder of LLM model JSON files", MODELS_DIR)
    .requiredOption("--scheduler <name>", "scheduling policy, e.g. bace, delay-first, cost-first, fifo, sjf")
    .option("--seed <n>", "seed of a generated workload (the simulator itself is deterministic)")
    .option("--regions <ids>", "comma-separated region ids to keep (default: all)")
    .option("--out <dir>", "output folder (default out/simulate-<scheduler>)")
    .action(async (opts) => {
      const { simulateCommand } = await import("./simulate.js"); // loaded on use: only this command needs the simulator and policies
      process.exitCode = await simulateCommand(opts);
    });

  registerCrosspipeCommand(program);
  registerCbaCommand(program);
  registerCompareCommand(program);
  registerTableCommand(program);
  registerReportCommand(program);
  registerWorkerCommand(program);
  registerMergeCommand(program);
  registerTraceCommand(program);
  registerTopologyCommand(program);
  oneLineErrors(program, "");
  for (const cmd of program.commands) {
    oneLineErrors(cmd, `${cmd.name()} `);
    for (const sub of cmd.commands) oneLineErrors(sub, `${cmd.name()} ${sub.name()} `); // trace import, topology derive
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = buildProgram();
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation()); // bare `geopipe`: what it can do, not a command run by default
      return 0;
    }
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : USER_ERROR_EXIT;
    if (isUserError(e)) {
      process.stderr.write(`geopipe: ${e.message}\n`);
      return USER_ERROR_EXIT;
    }
    throw e;
  } finally {
    await shutdownHighs();
  }
}

/** True when this file is the program being run (also through npm's bin symlink), not imported by a test. */
function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`geopipe: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
