/**
 * What the bundled grid covers (docs/topologies.md): regions, pairs measured
 * in both directions, pairs without a latency row, regions with a GreenDCC
 * market.
 *
 *   npx tsx scripts/grid-coverage.ts
 */
import { indexGrid, matchMarket, measuredGrid } from "../src/model/derive/index.js";

const grid = measuredGrid();
const ix = indexGrid(grid);
const regions = ix.regions;
let both = 0;
let noRtt = 0;
for (let i = 0; i < regions.length; i++) {
  for (let j = i + 1; j < regions.length; j++) {
    const [a, b] = [regions[i]!, regions[j]!];
    if (ix.throughputGbps(a, b).length > 0 && ix.throughputGbps(b, a).length > 0) both++;
    if (ix.rttMs(a, b).length + ix.rttMs(b, a).length === 0) noRtt++;
  }
}
const inLatency = new Set(grid.rttMs.flatMap(([a, b]) => [a, b]));
const columns = Object.keys(grid.markets);
const mapped = regions.filter((r) => matchMarket(r, grid.marketMapping, columns).ok);
const pairs = (regions.length * (regions.length - 1)) / 2;
console.log(`rows kept (PREMIUM at both ends): throughput ${grid.rows.throughputKept} of ${grid.rows.throughputRead}, latency ${grid.rows.latencyKept} of ${grid.rows.latencyRead}`);
console.log(`regions in the throughput grid: ${regions.length}; pairs: ${pairs}; measured both ways: ${both}`);
console.log(`pairs without a latency row: ${noRtt}; throughput regions missing from the latency grid: ${regions.filter((r) => !inLatency.has(r)).join(", ") || "none"}`);
console.log(`regions with a GreenDCC market: ${mapped.length} of ${regions.length}`);
console.log(`without: ${regions.filter((r) => !mapped.includes(r)).join(", ")}`);
