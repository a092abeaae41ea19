/**
 * zod schemas for the three instance file kinds (topology, LLM model,
 * workload). Objects are strict: an unknown key is an error that names it, so
 * a typo never passes silently. The JSON Schema files in `schema/` are
 * generated from these same definitions (see `jsonSchema.ts`).
 *
 * The parsed output is checked at compile time against `types.ts` (bottom of
 * this file): same keys, and assignable.
 */
import { z } from "zod";
import { parseUtcHour, UTC_HOUR_EXAMPLE, UTC_HOUR_PATTERN } from "./utcTime.js";
import type { GpuType, Job, Link, LlmModel, Price, Region, Topology, Workload } from "./types.js";

/** Ids of regions, jobs and models: letters, digits and `. _ : -`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** A region, job or model id (see {@link ID_PATTERN}). */
export const IdSchema = z
  .string()
  .regex(ID_PATTERN, { message: "must be an id of letters, digits and . _ : - (starting with a letter or digit)" })
  .max(128);

/** A whole UTC hour in ISO 8601, e.g. "2023-10-01T00:00:00Z" (see src/model/utcTime.ts). */
export const UtcHourSchema = z
  .string()
  .regex(UTC_HOUR_PATTERN, { message: `must be a whole UTC hour in ISO 8601 like "${UTC_HOUR_EXAMPLE}" (minutes and seconds 0, ending in Z)` })
  .refine((s) => parseUtcHour(s) !== null, { message: "is not a real date" });

/** Optional `$schema` key so editors can check a file against `schema/*.schema.json`. */
const dollarSchema = z.string().optional().meta({ description: "Relative path of the JSON Schema this file follows, for editors." });

/** An accelerator type. */
export const GpuTypeSchema = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Accelerator name, e.g. "A100-80GB".' }),
    peakTflopsBf16: z.number().gt(0).meta({ description: "Dense bf16 peak in TFLOP/s (10^12 FLOP/s)." }),
    powerW: z.number().gt(0).meta({ description: "Board power in W at full load." }),
    idlePowerW: z
      .number()
      .min(0)
      .optional()
      .meta({ description: "Power in W when idle in pipeline bubbles; absent means bubbles are charged at full power." }),
    memoryGb: z.number().gt(0).meta({ description: "Device memory in GB." }),
  })
  .meta({ description: "An accelerator type." });

/** Electricity price: one constant, or an hourly series that repeats after its last hour. */
export const PriceSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("constant"),
      usdPerKwh: z.number().meta({ description: "Price in USD/kWh for all time (wholesale prices may be negative)." }),
    }),
    z.strictObject({
      kind: z.literal("hourly"),
      usdPerKwh: z
        .array(z.number())
        .min(1)
        .meta({ description: "usdPerKwh[h] holds for simulated time [h·3600, (h+1)·3600) s; repeats after the last hour." }),
      originUtc: UtcHourSchema.optional().meta({
        description: 'UTC time of hour 0 of the series, e.g. "2023-01-01T00:00:00Z"; needed to run in calendar time (a workload\'s startUtc).',
      }),
    }),
  ])
  .meta({ description: "Electricity price of a region." });

/** A GPU region. */
export const RegionSchema = z
  .strictObject({
    id: IdSchema.meta({ description: 'Unique id used by links, placements and workloads, e.g. "us-east-1".' }),
    cloudRegion: z.string().min(1).meta({ description: 'Cloud and region code the figures come from, e.g. "aws:us-east-1".' }),
    gpus: z.number().int().min(0).meta({ description: "GPUs available to training (integer ≥ 0)." }),
    gpu: GpuTypeSchema,
    pue: z.number().min(1).meta({ description: "Power usage effectiveness (≥ 1)." }),
    price: PriceSchema,
    intraBandwidthGbps: z.number().gt(0).meta({ description: "Bandwidth between two GPUs of this region, Gbit/s." }),
    intraLatencyMs: z.number().min(0).meta({ description: "One-way latency inside this region, ms." }),
    gpusPerNode: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "GPUs per node (server); a cross-region hop between stages of g GPUs uses ceil(g / gpusPerNode) nodes at each end. Default 8." }),
  })
  .meta({ description: "A region with GPUs." });

/** An undirected, full-duplex link between two regions. */
export const LinkSchema = z
  .strictObject({
    a: IdSchema.meta({ description: "Id of one end region." }),
    b: IdSchema.meta({ description: "Id of the other end region." }),
    bandwidthGbps: z
      .number()
      .gt(0)
      .meta({ description: "Aggregate capacity the region pair offers all jobs together, in each direction, Gbit/s." }),
    perNodePairGbps: z
      .number()
      .gt(0)
      .optional()
      .meta({ description: "Throughput one node pair gets over the link, each direction, Gbit/s; a hop spanning n node pairs gets at most n times this. Absent: a hop may use all of bandwidthGbps." }),
    latencyMs: z.number().min(0).meta({ description: "One-way latency, ms." }),
  })
  .meta({ description: "An undirected, full-duplex link: an aggregate capacity shared by all jobs and a per-node-pair throughput, each direction." });

/** A topology as held in memory (no `$schema`). */
export const TopologySchema = z.strictObject({
  name: z.string().min(1).meta({ description: "Name of the topology." }),
  regions: z.array(RegionSchema).min(1).meta({ description: "Regions; ids must be unique." }),
  links: z.array(LinkSchema).meta({ description: "Links between distinct regions; at most one per pair." }),
});

/** A topology file: {@link TopologySchema} plus an optional `$schema`. */
export const TopologyFileSchema = TopologySchema.extend({ $schema: dollarSchema }).meta({
  title: "geopipe topology",
  description: "GPU regions and the links between them.",
});

/** An LLM architecture as held in memory. */
export const LlmModelSchema = z.strictObject({
  name: IdSchema.meta({ description: 'Model name used by jobs, e.g. "gpt3-13b".' }),
  family: z.string().min(1).meta({ description: 'Model family, e.g. "gpt3".' }),
  numLayers: z.number().int().min(1).meta({ description: "Transformer layers L." }),
  hiddenSize: z.number().int().min(1).meta({ description: "Hidden size h." }),
  numHeads: z.number().int().min(1).meta({ description: "Attention heads." }),
  seqLength: z.number().int().min(1).meta({ description: "Sequence length s in tokens." }),
  vocabSize: z.number().int().min(1).meta({ description: "Vocabulary size." }),
  paramCount: z.number().gt(0).meta({ description: "Published parameter count." }),
  source: z.string().min(1).meta({ description: "Where the shape comes from (paper, table, config)." }),
});

/** An LLM model file: {@link LlmModelSchema} plus an optional `$schema`. */
export const LlmModelFileSchema = LlmModelSchema.extend({ $schema: dollarSchema }).meta({
  title: "geopipe LLM model",
  description: "An LLM architecture (one file per model in models/).",
});

/** A pipeline-parallel training job. */
export const JobSchema = z
  .strictObject({
    id: IdSchema.meta({ description: "Unique job id." }),
    model: IdSchema.meta({ description: "Name of a model in models/." }),
    arrivalSec: z.number().min(0).meta({ description: "Arrival time in seconds from the start of the run." }),
    stages: z.number().int().min(1).meta({ description: "Pipeline stages S (integer ≥ 1)." }),
    gpusPerStage: z.number().int().min(1).meta({ description: "GPUs per stage g (integer ≥ 1)." }),
    microBatchSize: z.number().int().min(1).meta({ description: "Sequences per micro-batch b." }),
    microBatches: z.number().int().min(1).meta({ description: "Micro-batches per iteration M." }),
    iterations: z.number().int().min(1).meta({ description: "Iterations I." }),
    mfu: z.number().gt(0).lte(1).meta({ description: "Achieved fraction of peak FLOP/s, in (0, 1]." }),
    commOverlap: z
      .boolean()
      .optional()
      .meta({ description: "Whether sends between stages overlap compute (asynchronous P2P). Default false: blocking sends as in plain 1F1B." }),
  })
  .meta({ description: "A pipeline-parallel training job." });

/** A workload as held in memory. */
export const WorkloadSchema = z.strictObject({
  name: z.string().min(1).meta({ description: "Name of the workload." }),
  startUtc: UtcHourSchema.optional().meta({
    description: 'UTC time of simulated time 0, e.g. "2017-10-01T00:00:00Z"; hourly prices are then read from that calendar hour on. Absent: hour 0 of every series is time 0.',
  }),
  jobs: z.array(JobSchema).meta({ description: "Jobs; ids must be unique." }),
});

/** A workload file: {@link WorkloadSchema} plus an optional `$schema`. */
export const WorkloadFileSchema = WorkloadSchema.extend({
  $schema: dollarSchema,
  provenance: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "Where the jobs come from (written by geopipe trace import: source file, options, what was dropped and why); not read by the simulator." }),
}).meta({
  title: "geopipe workload",
  description: "Training jobs that arrive over time.",
});

// ---- compile-time checks: the schemas produce exactly the domain types ----

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type SameKeys<A, B> = Equal<keyof A, keyof B>;
type _Keys = [
  Assert<SameKeys<GpuType, z.infer<typeof GpuTypeSchema>>>,
  Assert<SameKeys<Region, z.infer<typeof RegionSchema>>>,
  Assert<SameKeys<Link, z.infer<typeof LinkSchema>>>,
  Assert<SameKeys<Topology, z.infer<typeof TopologySchema>>>,
  Assert<SameKeys<LlmModel, z.infer<typeof LlmModelSchema>>>,
  Assert<SameKeys<Job, z.infer<typeof JobSchema>>>,
  Assert<SameKeys<Workload, z.infer<typeof WorkloadSchema>>>,
];
const _price: Price = {} as z.infer<typeof PriceSchema>;
const _topology: Topology = {} as z.infer<typeof TopologySchema>;
const _model: LlmModel = {} as z.infer<typeof LlmModelSchema>;
const _workload: Workload = {} as z.infer<typeof WorkloadSchema>;
void [_price, _topology, _model, _workload];
