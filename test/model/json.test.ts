import { describe, expect, it } from "vitest";
import { jsonErrorOffset, lineColumn, parseJsonText } from "../../src/model/json.js";

describe("parseJsonText(text, file)", () => {
  it("lineColumn(text, pos) counts lines and columns from 1", () => {
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("", 0)).toEqual({ line: 1, column: 1 });
  });

  it("jsonErrorOffset(text) agrees with the engine where the engine reports a position", () => {
    const broken = ['{"a": 1,}', '{"a" 1}', "[1 2]", '{"a": "x', "{'a': 1}", '{"a": 01}', '{"a": 1} x', '{"a": [1, 2,]}', '{"a": "\\q"}'];
    let compared = 0;
    for (const text of broken) {
      let enginePos: number | null = null;
      try {
        JSON.parse(text);
      } catch (e) {
        const m = /at position (\d+)/.exec((e as Error).message);
        if (m !== null) enginePos = Number(m[1]);
      }
      if (enginePos === null) continue;
      compared++;
      expect(jsonErrorOffset(text), text).toBe(enginePos);
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it("jsonErrorOffset(text) finds nothing wrong in valid JSON", () => {
    for (const text of ['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}', " [] ", "0"]) expect(jsonErrorOffset(text)).toBeNull();
  });

  it("parseJsonText(text, file) gives the line and column of a bad token", () => {
    const r = parseJsonText('{\n  "a": 1,\n  "b": tru\n}', "x.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.message).toMatch(/^invalid JSON at line 3, column 11: /);
  });

  it("parseJsonText(text, file) reports the end of an empty or truncated file", () => {
    const r = parseJsonText('{\n  "a": [1, 2', "x.json");
    if (r.ok) throw new Error("parsed");
    expect(r.issue.message).toMatch(/^invalid JSON at line 2, column 13: /);
  });
});
