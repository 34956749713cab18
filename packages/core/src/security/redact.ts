/**
 * Replaces known secrets (Panther tokens, HTTP tokens) wherever text or values leave the host: log lines, audit
 * records, tool results, errors. A secret may appear raw or JSON-escaped (a token with `"` or `\` in a serialised
 * line), so both spellings are replaced. Secrets shorter than 4 characters are ignored (too many false hits).
 */
export interface Redactor {
  /** The text with every spelling of every secret replaced. */
  text(text: string): string;
  /** A copy of a JSON-like value with secrets replaced in every string (keys included); the value itself when clean. */
  value<T>(value: T): T;
  /** Whether any spelling of any secret occurs in the text (a quick test before `value` on its JSON). */
  found(text: string): boolean;
}

export const REDACTED = '[REDACTED]';
const MIN_SECRET_LENGTH = 4;

function spellings(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** A redactor over a live list of secrets (the list may grow after start-up). */
export function createRedactor(secrets: () => readonly (string | undefined)[]): Redactor {
  const needles = (): string[] =>
    secrets()
      .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
      .flatMap(spellings)
      // Longest first: a secret that contains another is replaced whole.
      .sort((a, b) => b.length - a.length);

  const replaceAll = (text: string, list: readonly string[]): string => {
    let out = text;
    for (const needle of list) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };

  const walk = (value: unknown, list: readonly string[], depth: number): unknown => {
    if (typeof value === 'string') return replaceAll(value, list);
    if (typeof value !== 'object' || value === null || depth > 64) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = walk(item, list, depth + 1);
        if (next !== item) {
          copy ??= value.slice();
          copy[i] = next;
        }
      });
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const nextKey = replaceAll(key, list);
      const next = walk(item, list, depth + 1);
      if (next !== item || nextKey !== key) {
        copy ??= { ...(value as Record<string, unknown>) };
        if (nextKey !== key) delete copy[key];
        copy[nextKey] = next;
      }
    }
    return copy ?? value;
  };

  return {
    text(text) {
      const list = needles();
      return list.length === 0 ? text : replaceAll(text, list);
    },
    value<T>(value: T): T {
      const list = needles();
      return list.length === 0 ? value : (walk(value, list, 0) as T);
    },
    found(text) {
      return needles().some((needle) => text.includes(needle));
    },
  };
}

/** `http://user:pass@host/x` → `http://***@host/x`: user-info is never shown. Other text is returned as is. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*(?::[^/\s@]*)?@/gi, '$1***@');
}
