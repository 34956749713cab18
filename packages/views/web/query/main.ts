import '../shared/styles.css';
import type { ChartKind } from '../shared/chart.js';
import { drawChart } from '../shared/chart.js';
import { chartTable } from '../shared/chartTable.js';
import { chartFor, chartKinds, columnRoles } from '../shared/columns.js';
import { startView, type ViewHost } from '../shared/connect.js';
import { announce, display, fill, h } from '../shared/dom.js';
import { type Column, Grid } from '../shared/grid.js';
import { type TableData, tableOf } from '../shared/table.js';

/** Query results: query_data_lake's rows in a grid that pages through the host's cursors, and a chart of them. */

const KIND_LABELS: Record<ChartKind, string> = { time: 'Time series', bars: 'Bars', stacked: 'Stacked bars' };

interface State {
  host: ViewHost;
  args: Record<string, unknown>;
  queryId: string | undefined;
  table: TableData;
  nextCursor: string | null;
  kind: ChartKind | 'none';
  grid: Grid;
  chart: HTMLElement;
  tabs: HTMLElement;
  summary: HTMLElement;
  more: HTMLButtonElement;
  undraw: (() => void) | undefined;
}

let state: State | undefined;
let toolArgs: Record<string, unknown> = {};

function columnsOf(table: TableData): Column[] {
  const numeric = new Set(columnRoles(table).numbers);
  return table.columns.map((label, index) => ({ label, numeric: numeric.has(index) }));
}

function drawCurrent(): void {
  const s = state!;
  s.undraw?.();
  s.undraw = undefined;
  const roles = columnRoles(s.table);
  const kinds = chartKinds(roles);
  if (s.kind !== 'none' && !kinds.includes(s.kind)) s.kind = kinds[0] ?? 'none';
  fill(
    s.tabs,
    [...kinds, 'none' as const].map((kind) =>
      h(
        'button',
        {
          attrs: { type: 'button', 'aria-pressed': s.kind === kind ? 'true' : 'false' },
          on: {
            click: () => {
              s.kind = kind;
              drawCurrent();
            },
          },
        },
        kind === 'none' ? 'Table only' : KIND_LABELS[kind],
      ),
    ),
  );
  s.tabs.hidden = kinds.length === 0;
  if (s.kind === 'none' || s.table.rows.length === 0) {
    fill(s.chart);
    return;
  }
  const data = chartFor(s.table, roles, s.kind);
  const figure = h('div');
  fill(s.chart, figure, chartTable(data));
  s.undraw = drawChart(figure, data);
}

function showCounts(): void {
  const s = state!;
  const total = s.table.rows.length;
  fill(
    s.summary,
    `${total} row${total === 1 ? '' : 's'}${s.nextCursor ? ' so far (more to read)' : ''} · ${s.table.columns.length} columns`,
  );
  s.more.hidden = s.nextCursor === null;
}

async function nextPage(): Promise<void> {
  const s = state!;
  if (s.nextCursor === null) return;
  s.more.disabled = true;
  announce('Reading the next page…');
  const answer = await s.host.call('query_data_lake', {
    ...(s.queryId ? { query_id: s.queryId } : {}),
    cursor: s.nextCursor,
    ...(typeof s.args['max_rows'] === 'number' ? { max_rows: s.args['max_rows'] } : {}),
  });
  s.more.disabled = false;
  if (!answer.ok) return announce(answer.text, 'error');
  const page = tableOf(answer.value);
  if (!page) return announce('query_data_lake returned no rows.', 'error');
  s.table = { columns: s.table.columns, rows: [...s.table.rows, ...page.rows] };
  s.nextCursor = typeof answer.value['next_cursor'] === 'string' ? answer.value['next_cursor'] : null;
  s.grid.setRows(s.table.rows);
  showCounts();
  drawCurrent();
  announce(`${page.rows.length} more rows read.`);
}

startView('panther-query-results', {
  input(args) {
    toolArgs = args;
  },
  answer(answer, host) {
    if (!answer.ok) return announce(answer.text, 'error');
    const table = tableOf(answer.value);
    if (!table) return announce('The answer has no rows to show.', 'error');
    const grid = new Grid({ label: 'Query results', columns: columnsOf(table) });
    const more = h('button', { attrs: { type: 'button' } }, 'Read the next page');
    state = {
      host,
      args: toolArgs,
      queryId: typeof answer.value['query_id'] === 'string' ? answer.value['query_id'] : undefined,
      table,
      nextCursor: typeof answer.value['next_cursor'] === 'string' ? answer.value['next_cursor'] : null,
      kind: chartKinds(columnRoles(table))[0] ?? 'none',
      grid,
      chart: h('div', { class: 'chart-area' }),
      tabs: h('div', { class: 'tabs', attrs: { role: 'group', 'aria-label': 'Chart' } }),
      summary: h('span', { class: 'muted' }),
      more,
      undraw: undefined,
    };
    more.addEventListener('click', () => void nextPage());
    const sql = typeof toolArgs['sql'] === 'string' ? toolArgs['sql'] : undefined;
    fill(
      document.getElementById('app')!,
      h('h1', null, 'Query results'),
      sql ? h('details', null, h('summary', null, 'SQL'), h('pre', { class: 'code' }, sql)) : null,
      h('p', { attrs: { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' } }),
      h('div', { class: 'toolbar' }, state.tabs, state.summary, more),
      state.chart,
      grid.element,
      typeof answer.value['note'] === 'string'
        ? h('p', { class: 'muted' }, display(answer.value['note'], 1000))
        : null,
    );
    grid.setRows(table.rows);
    showCounts();
    drawCurrent();
  },
});
