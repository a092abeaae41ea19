/** The trace readers by format name (./types.ts: TRACE_FORMATS). */
import type { ParsedTrace, TraceFormat } from "../types.js";
import { readAlibabaOpenb2023 } from "./alibabaOpenb2023.js";
import { readAlibabaPai2020 } from "./alibabaPai2020.js";
import { readGenericCsv, type ColumnMap } from "./genericCsv.js";
import { readHelios } from "./helios.js";
import { readPhilly } from "./philly.js";

export { COLUMN_MAP_KEYS, type ColumnMap } from "./genericCsv.js";
export { PAI_TASK_COLUMNS } from "./alibabaPai2020.js";

/** Reads `text` (named `file` in messages) as `format`; `map` applies to the `csv` format only. */
export function readTrace(text: string, file: string, format: TraceFormat, map?: ColumnMap): ParsedTrace {
  switch (format) {
    case "philly":
      return readPhilly(text, file);
    case "helios":
      return readHelios(text, file);
    case "alibaba-pai-2020":
      return readAlibabaPai2020(text, file);
    case "alibaba-openb-2023":
      return readAlibabaOpenb2023(text, file);
    case "csv":
      return readGenericCsv(text, file, map);
  }
}
