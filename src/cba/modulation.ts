/**
 * Distance-adaptive modulation: the longer the lightpath, the more robust
 * (and less spectrally efficient) the format it can use.
 *
 * Table: the common BPSK/QPSK/8-QAM/16-QAM reach table (4000/2000/1000/500 km)
 * with 12.5 GBd per 12.5 GHz slot, so a slot carries 12.5 × bits/symbol Gbit/s;
 * as listed (as an alternative setup) in optical-rl-gym
 * `examples/create_topology_rmsa.py` next to DeepRMSA's own table. See docs/cba.md.
 */

/** One modulation format. */
export interface ModulationFormat {
  /** e.g. "16-QAM". */
  readonly name: string;
  /** Bits per symbol (per polarisation, as in the source table). */
  readonly bitsPerSymbol: number;
  /** Longest path (km) over which the format is usable. */
  readonly maxReachKm: number;
  /** Capacity of one 12.5 GHz slot in Gbit/s. */
  readonly gbpsPerSlot: number;
}

/** Default table, most efficient first. */
export const MODULATION_TABLE: readonly ModulationFormat[] = [
  { name: "16-QAM", bitsPerSymbol: 4, maxReachKm: 500, gbpsPerSlot: 50 },
  { name: "8-QAM", bitsPerSymbol: 3, maxReachKm: 1000, gbpsPerSlot: 37.5 },
  { name: "QPSK", bitsPerSymbol: 2, maxReachKm: 2000, gbpsPerSlot: 25 },
  { name: "BPSK", bitsPerSymbol: 1, maxReachKm: 4000, gbpsPerSlot: 12.5 },
];

/** The most efficient format that reaches `lengthKm`, or `null` when the path is longer than every reach. */
export function modulationFor(
  lengthKm: number,
  table: readonly ModulationFormat[] = MODULATION_TABLE,
): ModulationFormat | null {
  let best: ModulationFormat | null = null;
  for (const f of table) {
    if (lengthKm <= f.maxReachKm && (best === null || f.gbpsPerSlot > best.gbpsPerSlot)) best = f;
  }
  return best;
}

/** Options of {@link slotsFor}. */
export interface SlotOptions {
  /** Guard-band slots added to every lightpath (on its upper side); default 1. */
  readonly guardSlots?: number;
  /** Modulation table; default {@link MODULATION_TABLE}. */
  readonly table?: readonly ModulationFormat[];
}

/** Defaults of {@link SlotOptions}. */
export const DEFAULT_SLOT_OPTIONS: Required<SlotOptions> = { guardSlots: 1, table: MODULATION_TABLE };

/** Slots a lightpath needs. */
export type SlotNeed =
  | {
      readonly status: "ok";
      /** Format chosen for the path length. */
      readonly modulation: ModulationFormat;
      /** Slots carrying data: ⌈rate / gbpsPerSlot⌉. */
      readonly dataSlots: number;
      /** Guard-band slots. */
      readonly guardSlots: number;
      /** dataSlots + guardSlots: the contiguous block to reserve. */
      readonly totalSlots: number;
      /** Capacity of the lightpath: dataSlots × gbpsPerSlot. */
      readonly bandwidthGbps: number;
    }
  | { readonly status: "out_of_reach"; readonly lengthKm: number };

/** Slots needed to carry `rateGbps` over a path of `lengthKm` (at least one data slot). */
export function slotsFor(rateGbps: number, lengthKm: number, options: SlotOptions = {}): SlotNeed {
  const o = { ...DEFAULT_SLOT_OPTIONS, ...options };
  const modulation = modulationFor(lengthKm, o.table);
  if (modulation === null) return { status: "out_of_reach", lengthKm };
  // Round away float noise such as 100 / 12.5 = 8.000000000000002.
  const dataSlots = Math.max(1, Math.ceil(rateGbps / modulation.gbpsPerSlot - 1e-9));
  return {
    status: "ok",
    modulation,
    dataSlots,
    guardSlots: o.guardSlots,
    totalSlots: dataSlots + o.guardSlots,
    bandwidthGbps: dataSlots * modulation.gbpsPerSlot,
  };
}
