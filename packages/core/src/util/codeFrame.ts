/** Lines shown before and after the one that is pointed at. */
const CONTEXT_LINES = 2;

/** The 1-based line and column of a character offset in `text` (a tab counts as one column). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * A plain-text code frame: the numbered lines around `line` with a caret under `column`, like
 *
 * ```
 *   3 |     "mode": "read-only",
 * > 4 |   }
 *     |   ^
 * ```
 */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`;
    const source = lines[n - 1]!;
    out.push(source === '' ? gutter : `${gutter} ${source}`);
    if (n === line) {
      // Tabs before the column stay tabs, so the caret lines up in any terminal.
      const lead = source.slice(0, column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${lead}^`);
    }
  }
  return out.join('\n');
}
