/**
 * What an assignment policy sees and decides, and the per-request record the
 * simulator keeps (the verifier's input).
 */
import type { OpticalNetwork } from "./network.js";
import type { RoutePath } from "./paths.js";
import type { TrainingRequest } from "./request.js";
import type { SpectrumView } from "./spectrum.js";

/** Why a request was blocked. */
export type BlockReason =
  /** No DC had free GPUs for some stage. */
  | "no_gpus"
  /** Some cross-DC transfer found no free contiguous, continuous block on any of its k paths. */
  | "no_spectrum"
  /** Every candidate path of some transfer is longer than the longest modulation reach. */
  | "out_of_reach"
  /** The policy returned a decision the current state cannot hold (a bug in the policy). */
  | "policy_error";

/** Every {@link BlockReason}, for tallies. */
export const BLOCK_REASONS: readonly BlockReason[] = ["no_gpus", "no_spectrum", "out_of_reach", "policy_error"];

/** A read-only snapshot of the network state handed to a policy. */
export interface ClusterView {
  /** The network. */
  readonly network: OpticalNetwork;
  /** Current spectrum occupancy. */
  readonly spectrum: SpectrumView;
  /** Free GPUs per DC id. */
  readonly freeGpus: ReadonlyMap<string, number>;
}

/** One inter-stage transfer placed on a lightpath. */
export interface TransferAssignment {
  /** The transfer goes from stage `hop` to stage `hop + 1` (0-based). */
  readonly hop: number;
  /** Sending DC id. */
  readonly fromDc: string;
  /** Receiving DC id. */
  readonly toDc: string;
  /** Route from the sending DC's node to the receiving DC's node. */
  readonly path: RoutePath;
  /** Modulation format name. */
  readonly modulation: string;
  /** Capacity of one slot with that format, Gbit/s. */
  readonly gbpsPerSlot: number;
  /** Slots carrying data. */
  readonly dataSlots: number;
  /** Guard-band slots above the data slots. */
  readonly guardSlots: number;
  /** First slot of the block (same on every fibre of the path). */
  readonly startSlot: number;
}

/** A policy's answer for one request. */
export type Decision =
  | {
      readonly status: "accepted";
      /** DC id of each stage. */
      readonly stageDcs: readonly string[];
      /** One transfer per hop whose two stages sit in different DCs, in hop order. */
      readonly transfers: readonly TransferAssignment[];
    }
  | { readonly status: "blocked"; readonly reason: BlockReason; readonly detail: string };

/** An assignment policy: a pure function of the view (it must not mutate it). */
export type AssignmentPolicy = (view: ClusterView, request: TrainingRequest) => Decision;

/** An asynchronous policy (e.g. one that awaits a solver); the simulator awaits each decision before the next event. */
export type AsyncAssignmentPolicy = (view: ClusterView, request: TrainingRequest) => Promise<Decision>;

/** A transfer as recorded: the slots actually held on each fibre. */
export interface TransferRecord {
  /** From stage `hop` to `hop + 1`. */
  readonly hop: number;
  /** Sending DC id. */
  readonly fromDc: string;
  /** Receiving DC id. */
  readonly toDc: string;
  /** Route nodes from sender to receiver. */
  readonly nodes: readonly string[];
  /** Route length, km. */
  readonly lengthKm: number;
  /** Modulation format name. */
  readonly modulation: string;
  /** Capacity of one slot, Gbit/s. */
  readonly gbpsPerSlot: number;
  /** Slots carrying data. */
  readonly dataSlots: number;
  /** Guard-band slots. */
  readonly guardSlots: number;
  /** dataSlots × gbpsPerSlot, Gbit/s. */
  readonly bandwidthGbps: number;
  /** One-way propagation latency, ms (5 µs/km). */
  readonly latencyMs: number;
  /** Slots held on each fibre of the route, in route order. */
  readonly fibres: ReadonlyArray<{ readonly fibreId: number; readonly slots: readonly number[] }>;
}

/** An admitted request. */
export interface AcceptedRecord {
  /** Discriminant. */
  readonly status: "accepted";
  /** The request. */
  readonly request: TrainingRequest;
  /** DC id of each stage. */
  readonly stageDcs: readonly string[];
  /** Cross-DC transfers. */
  readonly transfers: readonly TransferRecord[];
  /** Time resources are taken, s. */
  readonly startSec: number;
  /** Time resources are released, s (interval is [startSec, endSec)). */
  readonly endSec: number;
  /** Hop time per micro-batch of each stage's outgoing hop (0 inside a DC and for the last stage), ms. */
  readonly hopMs: readonly number[];
  /** 1F1B per-iteration time, ms. */
  readonly iterationTimeMs: number;
  /** Stages whose hop time exceeds their compute time (0-based). */
  readonly communicationBoundStages: readonly number[];
}

/** A refused request. */
export interface BlockedRecord {
  /** Discriminant. */
  readonly status: "blocked";
  /** The request. */
  readonly request: TrainingRequest;
  /** Why. */
  readonly reason: BlockReason;
  /** Which stage or transfer failed, in words. */
  readonly detail: string;
}

/** What the simulator keeps per request. */
export type RequestRecord = AcceptedRecord | BlockedRecord;
