import { describe, expect, it } from 'vitest';
import { imageContent, textContent } from '../define/content.js';
import { describeContentCut, fitContent } from './fitContent.js';

const PNG = Buffer.alloc(300, 7);

describe('fitContent', () => {
  it('keeps blocks that fit as they are', () => {
    const blocks = [textContent('short'), imageContent(PNG, 'image/png')];
    expect(fitContent(blocks, { textChars: 100, totalChars: 10_000 })).toEqual({
      blocks,
      dropped: 0,
      shortened: 0,
      fits: true,
    });
  });

  it('shortens the longest text to the text budget, with the marker, and keeps the image whole', () => {
    const long = 'x'.repeat(2_000);
    const blocks = [textContent('intro'), textContent(long), imageContent(PNG, 'image/png')];
    const fit = fitContent(blocks, { textChars: 1_000, totalChars: 100_000 });
    expect(fit.fits).toBe(true);
    expect(fit.shortened).toBe(1);
    expect(fit.dropped).toBe(0);
    const [, cut, image] = fit.blocks;
    expect(cut).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^x+…\[shortened: \d+ of 2000 characters left out\]$/),
    });
    expect(5 + (cut as { text: string }).text.length).toBeLessThanOrEqual(1_000);
    expect(image).toEqual(blocks[2]);
  });

  it('leaves out whole blocks from the end when bytes are over the size limit, never cutting bytes', () => {
    const blocks = [
      textContent('chart below'),
      imageContent(PNG, 'image/png'),
      imageContent(PNG, 'image/png'),
    ];
    const one = JSON.stringify(blocks.slice(0, 2)).length;
    const fit = fitContent(blocks, { textChars: 1_000, totalChars: one + 10 });
    expect(fit).toMatchObject({ dropped: 1, shortened: 0, fits: true });
    expect(fit.blocks).toEqual(blocks.slice(0, 2));
    expect(describeContentCut(fit, 3, '6,000 tokens')).toBe(
      'Result cut to fit 6,000 tokens: left out the last 1 of 3 content blocks. To get the rest, ask for less.',
    );
  });

  it('does not fit when even the first block is over the size limit', () => {
    const fit = fitContent([imageContent(PNG, 'image/png')], { textChars: 1_000, totalChars: 100 });
    expect(fit).toMatchObject({ blocks: [], dropped: 1, fits: false });
  });
});
