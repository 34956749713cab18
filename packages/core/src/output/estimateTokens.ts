/**
 * The one token estimate of the project: the output budget (`output.maxTokens`) and `pnpm bench` both count
 * characters and divide by four, the usual figure for English text and JSON with common tokenizers. An estimate,
 * not a tokenizer: no tokenizer is exact across models, and this one is cheap enough to run on every result.
 */
export const CHARS_PER_TOKEN = 4;

/** Estimated tokens of a text (or of a number of characters). */
export function estimateTokens(text: string | number): number {
  const chars = typeof text === 'number' ? text : text.length;
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The most characters that stay within `tokens` by the same estimate. */
export function charsForTokens(tokens: number): number {
  return tokens * CHARS_PER_TOKEN;
}
