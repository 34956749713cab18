import { codeFrame, lineAndColumn } from '../util/codeFrame.js';
import { ConfigFileError } from './loadTypeScriptConfig.js';

/** Where a JSON text first goes wrong, and what was expected there. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly problem: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class Stop {
  constructor(readonly found: JsonSyntaxProblem) {}
}

/**
 * Finds the first syntax error in a JSON text (RFC 8259), with a message in words: the engine's own messages
 * differ between Node versions and often give no position. Undefined when the text is valid JSON.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let at = 0;
  let lastComma = 0;
  const fail = (problem: string, offset = at): never => {
    throw new Stop({ offset, problem });
  };
  const found = (): string => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));
  const skipWhitespace = (): void => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const string = (): void => {
    const start = at;
    at++; // the opening quote
    while (at < text.length && text[at] !== '"') {
      const char = text[at]!;
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u') {
          if (!HEX4.test(text.slice(at + 2, at + 6))) fail('a \\u escape needs four hex digits');
          at += 6;
        } else if (next !== undefined && ESCAPES.has(next)) {
          at += 2;
        } else {
          fail(`${JSON.stringify(`\\${next ?? ''}`)} is not a JSON escape`);
        }
      } else if (char < ' ') {
        fail(
          char === '\n'
            ? 'a string must end on the line it starts (write \\n for a line break)'
            : 'a control character must be escaped in a string',
        );
      } else {
        at++;
      }
    }
    if (at >= text.length) fail('this string is never closed', start);
    at++; // the closing quote
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[at];
    const compound = char === '{' ? object : char === '[' ? array : char === '"' ? string : undefined;
    if (compound) {
      compound();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (char !== undefined && NUMBER.test(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    if (char === "'") fail('strings must use double quotes');
    fail(`expected a value, found ${found()}`);
  };
  const object = (): void => {
    at++; // {
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] === '}') fail('a comma before } is not allowed in JSON', lastComma);
      if (text[at] !== '"') {
        fail(`expected a field name in double quotes, found ${found()}`);
      }
      string();
      skipWhitespace();
      if (text[at] !== ':') fail(`expected ":" after the field name, found ${found()}`);
      at++;
      value();
      skipWhitespace();
      if (text[at] === '}') {
        at++;
        return;
      }
      if (text[at] !== ',') fail(`expected "," or "}" after a field, found ${found()}`);
      lastComma = at;
      at++;
    }
  };
  const array = (): void => {
    at++; // [
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[at] === ']') fail('a comma before ] is not allowed in JSON', lastComma);
      value();
      skipWhitespace();
      if (text[at] === ']') {
        at++;
        return;
      }
      if (text[at] !== ',') fail(`expected "," or "]" after an item, found ${found()}`);
      lastComma = at;
      at++;
    }
  };
  try {
    value();
    skipWhitespace();
    if (at < text.length) fail(`expected the end of the file after the value, found ${found()}`);
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.found;
    // Nesting deeper than the stack: no position to show, the caller falls back to the engine's message.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Parses a JSON config file. A syntax error becomes one `ConfigFileError` naming the line and column, what was
 * expected there, and a single code frame pointing at it.
 */
export function parseJsonConfig(filepath: string, content: string): unknown {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxProblem(text);
    if (!found)
      throw new ConfigFileError(filepath, `JSON syntax error: ${(error as Error).message}`, { cause: error });
    const { line, column } = lineAndColumn(text, found.offset);
    throw new ConfigFileError(
      filepath,
      `JSON syntax error at line ${line}, column ${column}: ${found.problem}\n\n${codeFrame(text, line, column)}`,
      { cause: error },
    );
  }
}
