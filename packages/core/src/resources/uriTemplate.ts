/**
 * The URI templates resource templates use: a fixed prefix and `{variable}` parts, each standing for one path
 * segment (`panther://detections/{type}/{id}`). Deliberately smaller than RFC 6570: nothing to expand but simple
 * variables, so matching is exact and a value can never swallow a `/`.
 */
export interface UriTemplate {
  readonly template: string;
  readonly variables: readonly string[];
  /** The URI's variables, percent-decoded; undefined when the URI does not fit the template. */
  match(uri: string): Record<string, string> | undefined;
}

const VARIABLE = /\{([^{}]*)\}/g;
const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why a template cannot be used, or undefined when it can. */
export function uriTemplateProblem(template: unknown): string | undefined {
  if (typeof template !== 'string' || !SCHEME.test(template)) {
    return 'uriTemplate must be a URI with a scheme (panther://alerts/{id})';
  }
  const names = [...template.matchAll(VARIABLE)].map((m) => m[1] ?? '');
  const bad = names.find((name) => !VARIABLE_NAME.test(name));
  if (bad !== undefined) return `uriTemplate variable {${bad}} must be a lower-case name (a-z, 0-9, _)`;
  if (new Set(names).size !== names.length) return 'uriTemplate names a variable twice';
  if (/[{}]/.test(template.replace(VARIABLE, ''))) return 'uriTemplate has an unmatched brace';
  if (/\}\{/.test(template)) return 'uriTemplate variables must be separated by literal text';
  return undefined;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Compiles a template checked by `uriTemplateProblem`. */
export function compileUriTemplate(template: string): UriTemplate {
  const variables: string[] = [];
  let pattern = '^';
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    pattern += escapeRegExp(template.slice(last, match.index));
    pattern += '([^/?#]+)';
    variables.push(match[1] ?? '');
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += `${escapeRegExp(template.slice(last))}$`;
  const regex = new RegExp(pattern);
  return {
    template,
    variables,
    match(uri) {
      const found = regex.exec(uri);
      if (!found) return undefined;
      const values: Record<string, string> = {};
      for (const [index, name] of variables.entries()) {
        const value = decode(found[index + 1] ?? '');
        if (value === undefined || value === '') return undefined;
        values[name] = value;
      }
      return values;
    },
  };
}
