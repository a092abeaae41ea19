/**
 * Energy side of the cost model (DESIGN §2): facility power of a stage and
 * energy over a run.
 *
 * A stage draws `g · powerW · pue` W while it computes. When the GPU type
 * gives `idlePowerW`, a stage is counted busy for `M · t_k` seconds of every
 * iteration of `T` seconds (its forward and backward passes) and idle, at
 * `g · idlePowerW · pue`, for the rest (pipeline bubbles and waiting on
 * hops). Without `idlePowerW` the stage is charged full power throughout.
 */
import type { GpuType } from "../model/types.js";

/** Joules per kWh. */
export const JOULES_PER_KWH = 3.6e6;

/** Facility power of a stage at full load, in W: `g · powerW · pue`. */
export function stagePowerW(gpusPerStage: number, boardPowerW: number, pue: number): number {
  return gpusPerStage * boardPowerW * pue;
}

/**
 * Average facility power of a stage over an iteration, in W.
 * With `gpu.idlePowerW`: `g · pue · (powerW·busy + idlePowerW·(T − busy)) / T`
 * where busy = `busySecPerIteration` (M·t_k, clamped to [0, T]);
 * without it: `g · powerW · pue`.
 */
export function stageAveragePowerW(
  gpusPerStage: number,
  gpu: GpuType,
  pue: number,
  busySecPerIteration: number,
  iterationSec: number,
): number {
  const full = stagePowerW(gpusPerStage, gpu.powerW, pue);
  if (gpu.idlePowerW === undefined || !(iterationSec > 0)) return full;
  const busy = Math.min(Math.max(busySecPerIteration, 0), iterationSec);
  const idle = stagePowerW(gpusPerStage, gpu.idlePowerW, pue);
  return (full * busy + idle * (iterationSec - busy)) / iterationSec;
}

/** Energy in kWh of drawing `powerW` for `durationSec`: `W · s / 3.6·10⁶`. */
export function energyKwh(powerW: number, durationSec: number): number {
  return (powerW * durationSec) / JOULES_PER_KWH;
}
