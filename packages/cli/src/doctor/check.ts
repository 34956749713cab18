/** One line of `mcp-panther doctor`: what was checked, how it went, and what to do when it went wrong. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
}

/** A check's text lines: `✓ name: detail`, and under a failure `  fix: …`. */
export function renderCheck(check: Check): string {
  const head = `${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}\n`;
  return check.ok || check.fix === undefined ? head : `${head}  fix: ${check.fix}\n`;
}
