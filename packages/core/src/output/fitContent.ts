/**
 * Cuts a content result (MCP content blocks) down to the output budget. Text the model reads (text blocks,
 * embedded text resources) counts against the text budget; every block, bytes included, counts against the
 * result's size limit. Long texts are shortened first, with the marker every cut text gets; then whole blocks are
 * left out from the end. Bytes are never cut: half an image is no image.
 */
import { type ContentBlock, textOf } from '../define/content.js';
import { shortenedMarker } from './shorten.js';

export interface ContentBudget {
  /** Most characters of text the model reads (the output budget). */
  readonly textChars: number;
  /** Most characters of the serialised blocks, base64 included (`output.maxResultChars`). */
  readonly totalChars: number;
}

export interface ContentFit {
  readonly blocks: readonly ContentBlock[];
  /** Blocks left out from the end. */
  readonly dropped: number;
  /** Texts shortened with a marker. */
  readonly shortened: number;
  /** False when nothing is left (even the first block alone is over the budget). */
  readonly fits: boolean;
}

/** Texts are kept to at least this many characters before whole blocks are left out. */
const MIN_TEXT_KEPT = 200;

const textSize = (blocks: readonly ContentBlock[]) =>
  blocks.reduce((sum, block) => sum + (textOf(block)?.length ?? 0), 0);
const totalSize = (blocks: readonly ContentBlock[]) => JSON.stringify(blocks).length;

function withText(block: ContentBlock, text: string): ContentBlock {
  if (block.type === 'text') return { ...block, text };
  if (block.type === 'resource' && 'text' in block.resource) {
    return { ...block, resource: { ...block.resource, text } };
  }
  return block;
}

export function fitContent(blocks: readonly ContentBlock[], budget: ContentBudget): ContentFit {
  const within = (list: readonly ContentBlock[]) =>
    textSize(list) <= budget.textChars && totalSize(list) <= budget.totalChars;
  if (within(blocks)) return { blocks, dropped: 0, shortened: 0, fits: true };
  const out = [...blocks];
  let shortened = 0;
  // Longest text first: one long text is usually what overflows.
  const byLength = out
    .map((block, index) => ({ index, length: textOf(block)?.length ?? 0 }))
    .filter((entry) => entry.length > MIN_TEXT_KEPT)
    .sort((a, b) => b.length - a.length);
  for (const { index } of byLength) {
    // Only text over the text budget is shortened; bytes over the size limit are left out whole below.
    const excess = textSize(out) - budget.textChars;
    if (excess <= 0) break;
    const block = out[index]!;
    const text = textOf(block)!;
    const keep = Math.max(MIN_TEXT_KEPT, text.length - excess - shortenedMarker(text.length, 0).length);
    if (keep >= text.length) continue;
    out[index] = withText(block, `${text.slice(0, keep)}${shortenedMarker(text.length, keep)}`);
    shortened += 1;
  }
  let dropped = 0;
  while (out.length > 0 && !within(out)) {
    out.pop();
    dropped += 1;
  }
  return { blocks: out, dropped, shortened, fits: out.length > 0 };
}

/** The note after a cut content result: what was left out, and how to get less. */
export function describeContentCut(fit: ContentFit, total: number, budget: string): string {
  const parts: string[] = [];
  if (fit.dropped > 0) parts.push(`the last ${fit.dropped} of ${total} content blocks`);
  if (fit.shortened > 0) {
    parts.push(`the end of ${fit.shortened} long text${fit.shortened > 1 ? 's' : ''}`);
  }
  return `Result cut to fit ${budget}: left out ${parts.join(' and ')}. To get the rest, ask for less.`;
}
