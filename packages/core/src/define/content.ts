/**
 * MCP content blocks: what a tool declared with `output: contentOutput` returns instead of JSON, and what a
 * prompt's messages carry. Plain JSON objects (binary data as base64), so that every call hook that walks a result
 * (secrets, the output budget, untrusted-text fencing) walks them too.
 */
import { z } from 'zod';

export interface TextBlock {
  readonly type: 'text';
  readonly text: string;
}

export interface ImageBlock {
  readonly type: 'image';
  /** Base64. */
  readonly data: string;
  readonly mimeType: string;
}

export interface AudioBlock {
  readonly type: 'audio';
  /** Base64. */
  readonly data: string;
  readonly mimeType: string;
}

/** A resource's contents carried inside a result or a prompt: its text, or its bytes as base64 (`blob`). */
export type EmbeddedResource =
  | { readonly uri: string; readonly mimeType?: string; readonly text: string }
  | { readonly uri: string; readonly mimeType?: string; readonly blob: string };

export interface ResourceBlock {
  readonly type: 'resource';
  readonly resource: EmbeddedResource;
}

export type ContentBlock = TextBlock | ImageBlock | AudioBlock | ResourceBlock;

/** What the handler of a tool declared with `output: contentOutput` returns. */
export interface ContentResult {
  readonly content: readonly ContentBlock[];
}

export const CONTENT_OUTPUT_BRAND = '@mcp-panther/core/ContentOutput' as const;

/** The `output` of a tool whose result is MCP content blocks (text, images, audio, embedded resources). */
export interface ContentOutput {
  readonly $$type: typeof CONTENT_OUTPUT_BRAND;
}

/**
 * Declares that a tool returns MCP content blocks instead of a JSON object: `output: contentOutput`. Its handler
 * returns `{ content: [textContent(…), imageContent(…), …] }`; the host sends the blocks as they are (no
 * `structuredContent`), after the same secret replacement, output budget and fencing as any other result.
 */
export const contentOutput: ContentOutput = Object.freeze({ $$type: CONTENT_OUTPUT_BRAND });

/** Whether a tool's `output` is `contentOutput` (the tool returns content blocks). */
export function isContentOutput(output: unknown): output is ContentOutput {
  return (output as { $$type?: unknown } | null | undefined)?.$$type === CONTENT_OUTPUT_BRAND;
}

const base64 = (data: Uint8Array | string): string =>
  typeof data === 'string'
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');

/** A text block. */
export function textContent(text: string): TextBlock {
  return { type: 'text', text };
}

/** An image block: the bytes, or their base64, and the MIME type (`image/png`). */
export function imageContent(data: Uint8Array | string, mimeType: string): ImageBlock {
  return { type: 'image', data: base64(data), mimeType };
}

/** An audio block: the bytes, or their base64, and the MIME type (`audio/wav`). */
export function audioContent(data: Uint8Array | string, mimeType: string): AudioBlock {
  return { type: 'audio', data: base64(data), mimeType };
}

/**
 * An embedded resource: its URI and either its text or its bytes (`blob`: bytes, or their base64), with a MIME
 * type.
 */
export function resourceContent(
  resource:
    | { readonly uri: string; readonly mimeType?: string; readonly text: string }
    | { readonly uri: string; readonly mimeType?: string; readonly blob: Uint8Array | string },
): ResourceBlock {
  const { uri, mimeType } = resource;
  const type = mimeType === undefined ? {} : { mimeType };
  return {
    type: 'resource',
    resource:
      'text' in resource
        ? { uri, ...type, text: resource.text }
        : { uri, ...type, blob: base64(resource.blob) },
  };
}

/** Standard base64 (RFC 4648 §4), padded: what MCP carries in `data` and `blob`. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(?:\s*;.*)?$/i;
const URI = /^[a-z][a-z0-9+.-]*:\S*$/i;

const base64Data = z.string().regex(BASE64, 'must be base64 (RFC 4648, padded)');
const mimeOf = (kind?: string) =>
  z
    .string()
    .regex(MIME_TYPE, 'must be a MIME type (type/subtype)')
    .refine((value) => kind === undefined || value.toLowerCase().startsWith(`${kind}/`), {
      message: `must be an ${kind}/… MIME type`,
    });

const embeddedResourceSchema = z.union([
  z.strictObject({
    uri: z.string().regex(URI, 'must be a URI'),
    mimeType: mimeOf().optional(),
    text: z.string(),
  }),
  z.strictObject({
    uri: z.string().regex(URI, 'must be a URI'),
    mimeType: mimeOf().optional(),
    blob: base64Data,
  }),
]);

/** The blocks a content result may hold (checked when a handler returns them, and when a prompt renders). */
export const contentBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string() }),
  z.strictObject({ type: z.literal('image'), data: base64Data, mimeType: mimeOf('image') }),
  z.strictObject({ type: z.literal('audio'), data: base64Data, mimeType: mimeOf('audio') }),
  z.strictObject({ type: z.literal('resource'), resource: embeddedResourceSchema }),
]);

export const contentResultSchema = z.strictObject({ content: z.array(contentBlockSchema) });

/** Whether a block carries bytes (base64) rather than text the model reads. */
export function binaryOf(block: ContentBlock): string | undefined {
  if (block.type === 'image' || block.type === 'audio') return block.data;
  if (block.type === 'resource' && 'blob' in block.resource) return block.resource.blob;
  return undefined;
}

/** The text a block carries for the model (a text block, an embedded text resource); undefined for bytes. */
export function textOf(block: ContentBlock): string | undefined {
  if (block.type === 'text') return block.text;
  if (block.type === 'resource' && 'text' in block.resource) return block.resource.text;
  return undefined;
}
