import type { PolicyMode } from '../define/types.js';
import type { ValidatedPack } from '../host/validatePacks.js';

/** Server instructions: what this server is, its mode, whether it runs on the sandbox, and each pack's notes. */
export function buildInstructions(options: {
  readonly mode: PolicyMode;
  readonly sandbox: boolean;
  readonly packs: readonly ValidatedPack[];
}): string {
  const lines = [
    'mcp-panther: tools for the Panther security platform (SIEM): alerts, data lake queries, detections and more.',
  ];
  lines.push(
    options.mode === 'read-only'
      ? 'Mode: read-only. No tool can change Panther; to change alerts or detections the operator must restart the server in read-write mode.'
      : 'Mode: read-write. Tools marked destructive change Panther: confirm with the user before calling them.',
  );
  if (options.sandbox) {
    lines.push(
      'This server runs on the embedded Panther sandbox: generated demo data, not a real Panther instance. Say so when you report findings.',
    );
  }
  for (const pack of options.packs) {
    if (pack.enabled && pack.pack.instructions) lines.push(pack.pack.instructions.trim());
  }
  return lines.join('\n');
}
