import { describe, expect, it } from 'vitest';
import {
  audioContent,
  contentOutput,
  contentResultSchema,
  imageContent,
  isContentOutput,
  resourceContent,
  textContent,
} from './content.js';

describe('content blocks', () => {
  it('carries bytes as base64, and base64 as given', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(imageContent(bytes, 'image/png')).toEqual({
      type: 'image',
      data: 'iVBORw==',
      mimeType: 'image/png',
    });
    expect(audioContent('UklGRg==', 'audio/wav')).toEqual({
      type: 'audio',
      data: 'UklGRg==',
      mimeType: 'audio/wav',
    });
    expect(resourceContent({ uri: 'acme://a', mimeType: 'application/octet-stream', blob: bytes })).toEqual({
      type: 'resource',
      resource: { uri: 'acme://a', mimeType: 'application/octet-stream', blob: 'iVBORw==' },
    });
    expect(resourceContent({ uri: 'acme://b', text: 'hi' })).toEqual({
      type: 'resource',
      resource: { uri: 'acme://b', text: 'hi' },
    });
    // A view of part of a buffer is only that part.
    const slice = new Uint8Array([46, 46, 97, 98, 46, 46]).subarray(2, 4);
    expect(imageContent(slice, 'image/png').data).toBe(Buffer.from('ab').toString('base64'));
  });

  it('checks a content result: base64, MIME types by kind, URIs, no stray fields', () => {
    expect(
      contentResultSchema.safeParse({ content: [textContent('a'), imageContent('AA==', 'image/png')] })
        .success,
    ).toBe(true);
    const problems = (value: unknown) =>
      contentResultSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ content: [{ type: 'image', data: 'not base64!', mimeType: 'image/png' }] })).toEqual([
      'content.0.data: must be base64 (RFC 4648, padded)',
    ]);
    expect(problems({ content: [{ type: 'audio', data: 'AA==', mimeType: 'image/png' }] })).toEqual([
      'content.0.mimeType: must be an audio/… MIME type',
    ]);
    expect(problems({ content: [textContent('a')], structured: {} })).toHaveLength(1);
    expect(
      problems({ content: [{ type: 'resource', resource: { uri: 'no scheme', text: 'x' } }] })?.length,
    ).toBeGreaterThan(0);
  });

  it('recognises contentOutput by its brand', () => {
    expect(isContentOutput(contentOutput)).toBe(true);
    expect(isContentOutput({ $$type: '@mcp-panther/core/ContentOutput' })).toBe(true);
    expect(isContentOutput(undefined)).toBe(false);
    expect(isContentOutput({})).toBe(false);
  });
});
