/**
 * Spectrum state: one Uint8Array of slots per fibre (1 = in use), and
 * first-fit search under the continuity (same slots on every fibre of the
 * path) and contiguity (adjacent slots) constraints.
 */

/** Read-only view of spectrum occupancy. */
export interface SpectrumView {
  /** Number of fibres. */
  readonly fibreCount: number;
  /** Slots per fibre. */
  readonly slotsPerFibre: number;
  /** Whether slot `slot` of fibre `fibreId` is free. */
  isFree(fibreId: number, slot: number): boolean;
  /** Slots in use over all fibres. */
  usedSlots(): number;
}

/** Thrown on allocating a used slot or freeing a free one (a programming error in the caller). */
export class SpectrumError extends Error {
  override readonly name = "SpectrumError";
}

/** Mutable spectrum occupancy of every fibre. */
export class SpectrumState implements SpectrumView {
  /** Number of fibres. */
  readonly fibreCount: number;
  /** Slots per fibre. */
  readonly slotsPerFibre: number;
  private readonly slots: Uint8Array[];
  private used = 0;

  /** All slots free. */
  constructor(fibreCount: number, slotsPerFibre: number) {
    this.fibreCount = fibreCount;
    this.slotsPerFibre = slotsPerFibre;
    this.slots = Array.from({ length: fibreCount }, () => new Uint8Array(slotsPerFibre));
  }

  /** An independent copy. */
  clone(): SpectrumState {
    const copy = new SpectrumState(this.fibreCount, this.slotsPerFibre);
    this.slots.forEach((row, i) => (copy.slots[i] as Uint8Array).set(row));
    copy.used = this.used;
    return copy;
  }

  /** Whether slot `slot` of fibre `fibreId` is free (out-of-range counts as not free). */
  isFree(fibreId: number, slot: number): boolean {
    const row = this.slots[fibreId];
    return row !== undefined && slot >= 0 && slot < this.slotsPerFibre && row[slot] === 0;
  }

  /** Slots in use over all fibres. */
  usedSlots(): number {
    return this.used;
  }

  /** Mark `count` slots from `start` on every fibre of `fibreIds` used; throws {@link SpectrumError} if any is taken. */
  allocate(fibreIds: readonly number[], start: number, count: number): void {
    if (!blockFree(this, fibreIds, start, count)) {
      throw new SpectrumError(`allocate: slots ${start}..${start + count - 1} are not all free on fibres ${fibreIds.join(",")}`);
    }
    for (const f of fibreIds) (this.slots[f] as Uint8Array).fill(1, start, start + count);
    this.used += fibreIds.length * count;
  }

  /** Free `count` slots from `start` on every fibre of `fibreIds`; throws {@link SpectrumError} if any is already free. */
  free(fibreIds: readonly number[], start: number, count: number): void {
    for (const f of fibreIds) {
      const row = this.slots[f];
      for (let s = start; s < start + count; s++) {
        if (row === undefined || row[s] !== 1) throw new SpectrumError(`free: slot ${s} of fibre ${f} is not in use`);
      }
    }
    for (const f of fibreIds) (this.slots[f] as Uint8Array).fill(0, start, start + count);
    this.used -= fibreIds.length * count;
  }
}

/** Whether slots `start … start+count−1` are free on every fibre of the path. */
export function blockFree(view: SpectrumView, fibreIds: readonly number[], start: number, count: number): boolean {
  if (count < 1 || start < 0 || start + count > view.slotsPerFibre) return false;
  for (const f of fibreIds) {
    for (let s = start; s < start + count; s++) if (!view.isFree(f, s)) return false;
  }
  return true;
}

/**
 * First fit: the lowest start slot of `count` contiguous slots free on every
 * fibre of the path (continuity), or `null` when no such block exists.
 */
export function firstFit(view: SpectrumView, fibreIds: readonly number[], count: number): number | null {
  if (count < 1 || count > view.slotsPerFibre) return null;
  let run = 0;
  for (let s = 0; s < view.slotsPerFibre; s++) {
    run = fibreIds.every((f) => view.isFree(f, s)) ? run + 1 : 0;
    if (run === count) return s - count + 1;
  }
  return null;
}

/**
 * A spectrum view with tentative reservations on top of a read-only base;
 * lets a pure policy place several transfers of one request without mutating
 * shared state.
 */
export class SpectrumOverlay implements SpectrumView {
  /** Number of fibres. */
  readonly fibreCount: number;
  /** Slots per fibre. */
  readonly slotsPerFibre: number;
  private readonly base: SpectrumView;
  private readonly reserved = new Set<number>();

  /** An overlay with nothing reserved yet. */
  constructor(base: SpectrumView) {
    this.base = base;
    this.fibreCount = base.fibreCount;
    this.slotsPerFibre = base.slotsPerFibre;
  }

  /** Free in the base and not reserved here. */
  isFree(fibreId: number, slot: number): boolean {
    return this.base.isFree(fibreId, slot) && !this.reserved.has(fibreId * this.slotsPerFibre + slot);
  }

  /** Used in the base plus reserved here. */
  usedSlots(): number {
    return this.base.usedSlots() + this.reserved.size;
  }

  /** Reserve a block; throws {@link SpectrumError} if any slot is not free. */
  reserve(fibreIds: readonly number[], start: number, count: number): void {
    if (!blockFree(this, fibreIds, start, count)) {
      throw new SpectrumError(`reserve: slots ${start}..${start + count - 1} are not all free on fibres ${fibreIds.join(",")}`);
    }
    for (const f of fibreIds) for (let s = start; s < start + count; s++) this.reserved.add(f * this.slotsPerFibre + s);
  }
}
