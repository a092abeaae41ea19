/**
 * The provenance of a derived topology as Markdown: sources and row counts,
 * each region's market (and the alternatives the mapping also gives), each
 * price's figures, each link's samples and the figures taken from them, and
 * the assumptions. Written beside the topology file (`T.md`) and, for the
 * default instance, between the markers of instances/README.md.
 */
import type { Derivation } from "./topology.js";
import { median } from "./links.js";

const f3 = (x: number): string => x.toFixed(3);

/** Samples, and their median when there are several: `9.374, 9.367 (median 9.371)`. */
const samples = (xs: readonly number[]): string => (xs.length === 0 ? "–" : `${xs.map(f3).join(", ")}${xs.length > 1 ? ` (median ${f3(median(xs))})` : ""}`);

/** The region, price and link tables. */
export function derivationTables(d: Derivation): string {
  const out: string[] = [];
  out.push("| region | Skyplane name | market | how | 2023 mean USD/MWh (summary) | recomputed from hourly | → usdPerKwh | hours | negative hours | min / max USD/MWh |");
  out.push("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  d.prices.forEach((p, k) => {
    const r = d.regions[k]!;
    const m = d.markets[k]!;
    const how = m.rule === "override" ? "override" : `GreenDCC mapping${m.mappedAs !== m.market ? ` ("${m.mappedAs}")` : ""}`;
    const also = m.alternatives.length > 0 ? ` (mapping also gives ${m.alternatives.join(", ")})` : "";
    out.push(
      `| ${r.id} | ${r.skyplane} | ${p.market}${also} | ${how} | ${p.summaryMeanUsdPerMwh.toFixed(2)} | ${p.hourlyMeanUsdPerMwh.toFixed(2)} | ` +
        `${(p.summaryMeanUsdPerMwh / 1000).toFixed(5)} | ${p.hours} | ${p.negativeHours} | ${p.minUsdPerMwh.toFixed(2)} / ${p.maxUsdPerMwh.toFixed(2)} |`,
    );
  });
  out.push("");
  out.push("| link | a→b Gbit/s (samples) | b→a Gbit/s (samples) | perNodePairGbps = min of medians | nodes a, b | bandwidthGbps = per pair × min nodes | RTT a→b ms | RTT b→a ms | latencyMs = median RTT / 2 |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const l of d.links) {
    out.push(
      `| ${l.a} – ${l.b} | ${samples(l.abGbps)} | ${samples(l.baGbps)} | ${l.link.perNodePairGbps} | ${l.nodesA}, ${l.nodesB} | ${l.link.bandwidthGbps} | ` +
        `${samples(l.abRttMs)} | ${samples(l.baRttMs)} | ${l.link.latencyMs} |`,
    );
  }
  return out.join("\n");
}

/** The whole provenance file. `command` is the command line that made it. */
export function derivationMarkdown(d: Derivation, file: string, command: string): string {
  const g = d.grid;
  const lines = [
    `# Provenance of ${file}`,
    "",
    `Made by \`${command}\` from the measured grid bundled in data/grid (data/README.md).`,
    "",
    "## Sources",
    "",
    ...g.source.map((s) => `- ${s}`),
    `- rows: throughput ${g.rows.throughputRead} read, ${g.rows.throughputKept} kept (${g.tier} tier at both ends); latency ${g.rows.latencyRead} read, ${g.rows.latencyKept} kept`,
    `- instance classes of the throughput grid: ${Object.entries(g.instanceClass).map(([c, i]) => `${c} ${i}`).join(", ")}`,
    `- prices: ${d.hourly ? `hourly 2023 series (hour 0 = ${g.hoursOriginUtc}${d.startUtc !== null ? `, rotated so that hour 0 is ${d.startUtc}` : ""})` : "2023 means (constant)"}`,
    "",
    "## Regions, markets and links",
    "",
    derivationTables(d),
    "",
    ...(d.missing.length > 0 ? ["Pairs left unlinked (--allow-partial):", "", ...d.missing.map((m) => `- ${m}`), ""] : []),
    "## Assumptions (not measured)",
    "",
    "| region | GPU | GPUs | GPUs per node | PUE | intra-region |",
    "| --- | --- | ---: | ---: | ---: | --- |",
    ...d.topology.regions.map((r) => `| ${r.id} | ${r.gpu.name} (${r.gpu.peakTflopsBf16} TFLOP/s, ${r.gpu.powerW} W) | ${r.gpus} | ${r.gpusPerNode ?? 8} | ${r.pue} | ${r.intraBandwidthGbps} Gbit/s, ${r.intraLatencyMs} ms |`),
    "",
    "Link figures: `perNodePairGbps` is what one VM pair received (Skyplane, 64 TCP connections), the smaller direction's median; `bandwidthGbps` assumes the region pair offers that per node pair for every node pair the smaller end can field (an assumption about WAN capacity, not a measurement).",
    "",
  ];
  return lines.join("\n");
}

/** A few lines for stdout: regions and markets, links, and where the rest is. */
export function derivationSummary(d: Derivation): string {
  const out = [`${d.topology.name}: ${d.topology.regions.length} regions, ${d.links.length} links, ${d.hourly ? "hourly" : "constant"} prices`];
  d.markets.forEach((m, k) => {
    const r = d.regions[k]!;
    const also = m.alternatives.length > 0 ? `; mapping also gives ${m.alternatives.join(", ")}` : "";
    out.push(`  ${r.id.padEnd(26)} ${r.skyplane.padEnd(28)} market ${m.market} (${m.rule === "override" ? "override" : "GreenDCC mapping"}${also})`);
  });
  const per = d.links.map((l) => l.link.perNodePairGbps ?? l.link.bandwidthGbps);
  if (per.length > 0) out.push(`  links: per-node-pair ${Math.min(...per)}–${Math.max(...per)} Gbit/s (median ${f3(median(per))}), latency ${Math.min(...d.links.map((l) => l.link.latencyMs))}–${Math.max(...d.links.map((l) => l.link.latencyMs))} ms`);
  for (const m of d.missing) out.push(`  unlinked: ${m}`);
  return out.join("\n") + "\n";
}
