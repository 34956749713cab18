import { CALLABLE_META_KEY, shownText } from '@mcp-panther/core/view';
import {
  App,
  applyDocumentTheme,
  applyHostStyleVariables,
  type McpUiHostContext,
} from '@modelcontextprotocol/ext-apps/app-with-deps';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * The pack's view of example_count_recent_alerts: the counts by severity as a table with a bar each, and buttons
 * that count again over another window. Those counts are tool calls the view asks the client to make, so the
 * policy, the caller's profile and the audit apply as to any call. Every value from Panther goes into the page as
 * text, never as HTML, and through core's `shownText`, so hidden characters show as `[U+XXXX]`.
 */

const TOOL = 'example_count_recent_alerts';
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
const WINDOWS = [
  { hours: 24, label: 'Last 24 hours' },
  { hours: 72, label: 'Last 3 days' },
  { hours: 168, label: 'Last 7 days' },
];

interface Counts {
  readonly hours: number;
  readonly total: number;
  readonly by_severity: Readonly<Record<string, number>>;
  readonly truncated: boolean;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/** An element with text content: the one way values enter the page. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = ''): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.textContent = shownText(text);
  return created;
}

function status(message: string, kind: 'info' | 'error' = 'info'): void {
  const line = byId('status');
  line.className = `status ${kind}`;
  line.textContent = shownText(message);
}

/** The tool's answer as counts, or the text to show instead. */
function countsOf(result: CallToolResult): Counts | string {
  const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
  if (result.isError) return text || 'The count failed without a message.';
  const value = result.structuredContent as Partial<Counts> | undefined;
  if (
    typeof value?.hours !== 'number' ||
    typeof value.total !== 'number' ||
    typeof value.by_severity !== 'object' ||
    value.by_severity === null
  ) {
    return 'The tool returned no counts to show.';
  }
  return value as Counts;
}

/** Known severities first, most severe first; anything else Panther sent after them, by name. */
function ordered(bySeverity: Readonly<Record<string, number>>): [string, number][] {
  const rank = (name: string) => (SEVERITIES.includes(name) ? SEVERITIES.indexOf(name) : SEVERITIES.length);
  return Object.entries(bySeverity)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function showCounts(counts: Counts): void {
  const days =
    counts.hours % 24 === 0 && counts.hours > 24 ? `${counts.hours / 24} days` : `${counts.hours} hours`;
  byId('summary').textContent =
    `${counts.total} alerts in the last ${days}` +
    (counts.truncated ? ' (more exist: only the first pages were counted)' : '');
  const rows = ordered(counts.by_severity).map(([severity, count]) => {
    const row = element('tr');
    const name = element('th', severity);
    name.scope = 'row';
    const number = element('td', String(count));
    number.className = 'count';
    const bar = element('meter');
    bar.min = 0;
    bar.max = Math.max(counts.total, 1);
    bar.value = count;
    bar.setAttribute('aria-hidden', 'true'); // the number beside it says the same
    const share = element('td');
    share.append(bar);
    row.append(name, number, share);
    return row;
  });
  byId('rows').replaceChildren(...rows);
  for (const button of byId('windows').querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset['hours']) === counts.hours));
  }
}

const app = new App({ name: 'example-recent-alerts', version: '0.1.0' }, {}, { autoResize: true });
let severities: unknown = [];

/** Counts again over another window, through the client (only when this caller may call the tool). */
async function recount(hours: number): Promise<void> {
  status(`Counting the last ${hours} hours…`);
  try {
    const answer = countsOf(await app.callServerTool({ name: TOOL, arguments: { hours, severities } }));
    if (typeof answer === 'string') return status(answer, 'error');
    showCounts(answer);
    status('');
  } catch (error) {
    status(error instanceof Error ? error.message : String(error), 'error');
  }
}

function showWindows(callable: boolean): void {
  const buttons = callable
    ? WINDOWS.map(({ hours, label }) => {
        const button = element('button', label);
        button.type = 'button';
        button.dataset['hours'] = String(hours);
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => void recount(hours));
        return button;
      })
    : [];
  byId('windows').replaceChildren(...buttons);
  byId('window').hidden = buttons.length === 0;
}

function applyContext(context: McpUiHostContext | undefined): void {
  if (context?.theme) applyDocumentTheme(context.theme);
  if (context?.styles?.variables) applyHostStyleVariables(context.styles.variables);
}

app.ontoolinput = ({ arguments: args }) => {
  severities = args?.['severities'] ?? [];
};
app.ontoolresult = (result) => {
  const names = result._meta?.[CALLABLE_META_KEY];
  showWindows(Array.isArray(names) && names.includes(TOOL));
  const answer = countsOf(result);
  if (typeof answer === 'string') return status(answer, 'error');
  showCounts(answer);
};
app.onhostcontextchanged = applyContext;
app.onteardown = async () => ({});
void app.connect().then(() => applyContext(app.getHostContext()));
