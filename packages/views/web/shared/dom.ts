// Core's view entry: the host's own hidden-text escaping (no Node API; bundled into the page).
import { shownText } from '../../../core/src/view.js';

/**
 * The one way views build DOM: elements from code, values as text nodes. Nothing from data is ever parsed as HTML,
 * and every string passes through core's `shownText` (text from Panther is written by the people it watches:
 * invisible and reordering characters become a visible `[U+XXXX]`, exactly what the model reads), whose escapes
 * are marked so they stand out.
 */
export type Child = Node | string | number | boolean | null | undefined | readonly Child[];

type Handlers = { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  readonly class?: string | undefined;
  /** Attributes set with setAttribute (never `on*`, `href` or `src`: views link nowhere and load nothing). */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly on?: Handlers;
}

const ESCAPE = /\[U\+[0-9A-F]{4,6}\]/g;
const FORBIDDEN_ATTRIBUTE = /^(on|href$|src$|srcdoc$|action$|formaction$|style$)/i;

/** A string as DOM text, its hidden-character escapes wrapped in a marked span. */
export function text(value: string): Node {
  const shown = shownText(value);
  if (!shown.includes('[U+')) return document.createTextNode(shown);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of shown.matchAll(ESCAPE)) {
    fragment.append(shown.slice(last, match.index));
    const mark = document.createElement('mark');
    mark.className = 'hidden-char';
    mark.title = 'hidden character';
    mark.textContent = match[0];
    fragment.append(mark);
    last = match.index + match[0].length;
  }
  fragment.append(shown.slice(last));
  return fragment;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(text(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props?.class) element.className = props.class;
  for (const [name, value] of Object.entries(props?.attrs ?? {})) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not set by views`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : shownText(String(value)));
  }
  for (const [event, handler] of Object.entries(props?.on ?? {})) {
    element.addEventListener(event, handler as EventListener);
  }
  append(element, children);
  return element;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, children);
}

/** A value as one line of text: strings as they are, the rest as compact JSON, cut to `max` characters. */
export function display(value: unknown, max = 200): string {
  if (value === null || value === undefined) return '';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** Announces a short message to screen readers and shows it in the view's status line. */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.className = `status ${kind}`;
  fill(status, message);
}
