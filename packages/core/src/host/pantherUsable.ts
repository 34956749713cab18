import { PANTHER_FIXES, type PantherProbe } from '../catalog/probePanther.js';
import type { Logger } from '../define/types.js';
import { McpHostError } from '../errors.js';
import { maskUrlCredentials } from '../security/redact.js';
import type { PantherTarget } from '../types.js';

/**
 * Stops start-up when Panther cannot serve a single call: the token is rejected, Panther does not answer, or the
 * URL is not a Panther API. With `panther.allowUnreachable` (`--allow-unreachable`) the server starts anyway,
 * with the same reason logged, and reports itself unready until Panther answers.
 */
export function assertPantherUsable(
  probe: PantherProbe,
  target: PantherTarget,
  allowUnreachable: boolean,
  logger: Logger,
): void {
  if (probe.state === 'ok') return;
  const where = target.label === 'sandbox' ? 'the sandbox' : maskUrlCredentials(target.rest);
  const reason = `Panther at ${where} cannot be used: ${probe.detail}`;
  const fix = PANTHER_FIXES[probe.state];
  if (allowUnreachable) {
    logger.warn(`${reason}; starting anyway (panther.allowUnreachable): calls fail until it is fixed`, {
      state: probe.state,
    });
    return;
  }
  throw new McpHostError('PANTHER_UNAVAILABLE', `${reason}.\nFix: ${fix}`);
}
