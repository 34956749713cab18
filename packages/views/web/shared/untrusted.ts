import { escapeHidden as escapeRaw, unescapeHidden } from '../../../core/src/untrusted/hiddenText.js';

/**
 * Text from Panther is written by the people it watches: every value a view shows has its invisible and
 * reordering characters replaced by a visible `[U+XXXX]`, with the host's own escaping (core's hiddenText). The
 * host may already have escaped a result; undoing then redoing it shows the same text either way, exactly what
 * the model reads.
 */
export function escapeHidden(text: string): string {
  return escapeRaw(unescapeHidden(text));
}
