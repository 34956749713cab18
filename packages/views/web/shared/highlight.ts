import { h } from './dom.js';

/**
 * Python syntax highlighting for rule bodies: a small tokenizer whose tokens become text inside coloured spans
 * (nothing is parsed as HTML). Keywords, strings, comments, numbers and the names after `def`.
 */

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const TOKEN =
  /(?<com>#[^\n]*)|(?<str>[rRbBfFuU]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|(?<num>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|(?<word>\b[A-Za-z_][A-Za-z0-9_]*\b)/g;

export function highlightPython(source: string): HTMLElement {
  const code = h('code');
  let last = 0;
  let afterDef = false;
  for (const match of source.matchAll(TOKEN)) {
    const groups = match.groups ?? {};
    code.append(source.slice(last, match.index));
    last = match.index + match[0].length;
    let kind: string | undefined;
    if (groups['com']) kind = 'com';
    else if (groups['str']) kind = 'str';
    else if (groups['num']) kind = 'num';
    else if (KEYWORDS.has(match[0])) kind = 'kw';
    else if (afterDef) kind = 'fn';
    afterDef = match[0] === 'def' || match[0] === 'class';
    code.append(kind ? h('span', { class: `tok-${kind}` }, match[0]) : match[0]);
  }
  code.append(source.slice(last));
  return h('pre', { class: 'code', attrs: { tabindex: 0, 'aria-label': 'Detection body' } }, code);
}
