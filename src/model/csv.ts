/**
 * A small RFC 4180 CSV parser: quoted fields may hold commas, doubled quotes
 * and line breaks; CRLF or LF line ends; a final line break is optional.
 * Used to derive instances from measured data.
 */

/** A parse problem with its 1-based line. */
export class CsvError extends Error {
  override readonly name = "CsvError";
}

/** Parses CSV text into rows of fields (no header handling). */
export function parseCsvRows(text: string): string[][] {
  return parseCsvLines(text).map((r) => r.fields);
}

/** A CSV row and the 1-based line it starts on. */
export interface CsvLine {
  readonly line: number;
  readonly fields: string[];
}

/** Parses CSV text into rows of fields, each with the line it starts on (a quoted field may span lines). */
export function parseCsvLines(text: string): CsvLine[] {
  const rows: CsvLine[] = [];
  let row: string[] = [];
  let rowLine = 1;
  let field = "";
  let quoted = false;
  let line = 1;
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  let atFieldStart = true;
  const endField = (): void => {
    row.push(field);
    field = "";
    atFieldStart = true;
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
            throw new CsvError(`line ${line}: unexpected character after a closing quote`);
          }
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push({ line: rowLine, fields: row });
      row = [];
      line++;
      rowLine = line;
    } else {
      if (c === '"') throw new CsvError(`line ${line}: a quote inside an unquoted field`);
      field += c;
      atFieldStart = false;
    }
  }
  if (quoted) throw new CsvError(`line ${line}: unterminated quoted field`);
  if (!atFieldStart || row.length > 0) {
    endField();
    rows.push({ line: rowLine, fields: row });
  }
  return rows;
}

/** True for a row read from an empty line (one empty field). */
export function isBlankRow(row: readonly string[]): boolean {
  return row.length === 1 && row[0] === "";
}

/**
 * Parses CSV with a header row into records keyed by column name; every row
 * must have as many fields as the header. Blank lines at the end of the file
 * are ignored (the public Philly export ends with one).
 */
export function parseCsv(text: string): { readonly header: readonly string[]; readonly records: readonly Readonly<Record<string, string>>[] } {
  const rows = parseCsvRows(text);
  while (rows.length > 1 && isBlankRow(rows[rows.length - 1]!)) rows.pop();
  const header = rows[0];
  if (header === undefined) throw new CsvError("empty CSV: no header row");
  const records = rows.slice(1).map((r, k) => {
    if (r.length !== header.length) throw new CsvError(`row ${k + 2}: ${r.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]!] as const));
  });
  return { header, records };
}
