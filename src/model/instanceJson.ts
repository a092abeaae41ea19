/** The text form of instance files written by the toolkit (derived topologies, the bundled instance). */

/** JSON with two-space indent, numeric arrays kept on one line, a `$schema` key first, and a final newline. */
export function formatInstanceJson(value: object, schemaRef: string): string {
  const text = JSON.stringify({ $schema: schemaRef, ...value }, null, 2);
  return `${text.replace(/\[\s*(-?[0-9][^\][{}"]*?)\s*\]/g, (_m, inner: string) => `[${inner.replace(/\s+/g, " ").trim()}]`)}\n`;
}
