import { describe, expect, it } from "vitest";
import { MODULATION_TABLE, modulationFor, slotsFor } from "../../src/cba/modulation.js";

describe("modulation", () => {
  it("modulationFor(lengthKm) picks the most efficient format that reaches", () => {
    expect(modulationFor(300)?.name).toBe("16-QAM");
    expect(modulationFor(500)?.name).toBe("16-QAM");
    expect(modulationFor(501)?.name).toBe("8-QAM");
    expect(modulationFor(1000)?.name).toBe("8-QAM");
    expect(modulationFor(1500)?.name).toBe("QPSK");
    expect(modulationFor(2001)?.name).toBe("BPSK");
    expect(modulationFor(4000)?.name).toBe("BPSK");
    expect(modulationFor(4001)).toBeNull();
  });

  it("MODULATION_TABLE gives 12.5 Gbit/s per bit per symbol", () => {
    for (const f of MODULATION_TABLE) expect(f.gbpsPerSlot).toBe(12.5 * f.bitsPerSymbol);
  });

  it("slotsFor(rate, length) rounds data slots up and adds one guard slot", () => {
    const a = slotsFor(100, 400);
    expect(a).toMatchObject({ status: "ok", dataSlots: 2, guardSlots: 1, totalSlots: 3, bandwidthGbps: 100 });
    const b = slotsFor(100, 1800); // QPSK, 25 Gbit/s per slot
    expect(b).toMatchObject({ status: "ok", dataSlots: 4, totalSlots: 5 });
    const c = slotsFor(101, 3000); // BPSK: ceil(101 / 12.5) = 9
    expect(c).toMatchObject({ status: "ok", dataSlots: 9, totalSlots: 10 });
    expect(slotsFor(1, 100)).toMatchObject({ dataSlots: 1, totalSlots: 2 });
    expect(slotsFor(100, 100, { guardSlots: 0 })).toMatchObject({ totalSlots: 2 });
    expect(slotsFor(100, 5000)).toEqual({ status: "out_of_reach", lengthKm: 5000 });
  });
});
