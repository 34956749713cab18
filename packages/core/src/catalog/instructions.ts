import type { PolicyMode } from '../define/types.js';
import type { PantherTarget, ValidatedPack } from '../types.js';
import { untrustedInstructions } from '../untrusted/fenceNotes.js';
import type { UntrustedPolicy } from '../untrusted/settings.js';

/** Server instructions: what this server is, its mode, what the target says of itself, and each pack's notes. */
export function buildInstructions(options: {
  readonly mode: PolicyMode;
  readonly target: Pick<PantherTarget, 'instructions'>;
  readonly packs: readonly ValidatedPack[];
  readonly untrusted: UntrustedPolicy;
}): string {
  const lines = [
    'mcp-panther: tools for the Panther security platform (SIEM): alerts, data lake queries, detections and more.',
  ];
  lines.push(
    options.mode === 'read-only'
      ? 'Mode: read-only. No tool can change Panther; to change alerts or detections the operator must switch the server to read-write mode.'
      : 'Mode: read-write. Tools marked destructive change Panther: confirm with the user before calling them.',
  );
  lines.push(untrustedInstructions(options.untrusted));
  if (options.target.instructions) lines.push(options.target.instructions.trim());
  for (const pack of options.packs) {
    if (pack.enabled && pack.pack.instructions) lines.push(pack.pack.instructions.trim());
  }
  return lines.join('\n');
}
