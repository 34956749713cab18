import '../shared/styles.css';
import { type Answer, startView, type ViewHost } from '../shared/connect.js';
import { announce, type Child, display, fill, h } from '../shared/dom.js';
import {
  fieldList,
  jsonBlock,
  SEVERITIES,
  STATUSES,
  severityBadge,
  severityRank,
  when,
} from '../shared/format.js';
import { type Column, Grid } from '../shared/grid.js';
import { type TableData, tableOf } from '../shared/table.js';

/** The alert triage board: list_alerts' table by severity and status, an alert's detail and events, and actions. */

const LABELS: Record<string, string> = {
  id: 'Id',
  title: 'Title',
  severity: 'Severity',
  status: 'Status',
  createdAt: 'Created',
  updatedAt: 'Updated',
  lastReceivedEventAt: 'Last event',
  eventCount: 'Events',
  detectionId: 'Detection',
  assignee: 'Assignee',
  type: 'Type',
};
const TIME_COLUMNS = new Set(['createdAt', 'updatedAt', 'lastReceivedEventAt']);

interface Board {
  host: ViewHost;
  args: Record<string, unknown>;
  table: TableData;
  nextCursor: string | null;
  cell: { severity?: string | undefined; status?: string | undefined };
  text: string;
  grid: Grid;
  matrix: HTMLElement;
  count: HTMLElement;
  more: HTMLButtonElement;
  detail: HTMLElement;
}

let board: Board | undefined;
let toolArgs: Record<string, unknown> = {};

const col = (name: string) => board!.table.columns.indexOf(name);

function columnsOf(columns: readonly string[]): Column[] {
  const idIndex = columns.indexOf('id');
  return columns.map((name) => {
    const label = LABELS[name] ?? name;
    if (name === 'title' && idIndex !== -1) {
      return {
        label,
        render: (value, row) =>
          h(
            'button',
            {
              class: 'link',
              attrs: { type: 'button' },
              on: { click: () => void openDetail(String(row[idIndex])) },
            },
            display(value, 160) || '(untitled)',
          ),
      };
    }
    if (name === 'severity') return { label, render: severityBadge, sortValue: severityRank };
    if (TIME_COLUMNS.has(name)) return { label, render: when, sortValue: (v) => String(v ?? '') };
    if (name === 'eventCount') return { label, numeric: true };
    return { label };
  });
}

function matches(row: readonly unknown[]): boolean {
  const { cell, text } = board!;
  if (cell.severity && row[col('severity')] !== cell.severity) return false;
  if (cell.status && row[col('status')] !== cell.status) return false;
  if (text === '') return true;
  const needle = text.toLowerCase();
  return row.some((value) => display(value, 10_000).toLowerCase().includes(needle));
}

function applyFilters(): void {
  const b = board!;
  b.grid.setFilter(matches);
  const shown = b.grid.visibleRows().length;
  fill(b.count, `${shown} of ${b.table.rows.length} alerts shown`);
  renderMatrix();
}

/** Counts by severity (rows) and status (columns); each count is a toggle that filters the table to that cell. */
function renderMatrix(): void {
  const b = board!;
  const s = col('severity');
  const t = col('status');
  if (s === -1 || t === -1) {
    fill(b.matrix);
    return;
  }
  const counts = new Map<string, number>();
  for (const row of b.table.rows) {
    const key = `${row[s]}|${row[t]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const toggle = (severity: string | undefined, status: string | undefined) => {
    const same = b.cell.severity === severity && b.cell.status === status;
    b.cell = same ? {} : { severity, status };
    applyFilters();
  };
  fill(
    b.matrix,
    h(
      'table',
      { class: 'matrix', attrs: { 'aria-label': 'Alerts by severity and status' } },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Severity'),
          STATUSES.map((status) => h('th', { attrs: { scope: 'col' } }, status)),
        ),
      ),
      h(
        'tbody',
        null,
        SEVERITIES.map((severity) =>
          h(
            'tr',
            null,
            h('th', { attrs: { scope: 'row' } }, severityBadge(severity)),
            STATUSES.map((status) => {
              const n = counts.get(`${severity}|${status}`) ?? 0;
              const pressed = b.cell.severity === severity && b.cell.status === status;
              return h(
                'td',
                null,
                h(
                  'button',
                  {
                    attrs: {
                      type: 'button',
                      'aria-pressed': pressed ? 'true' : 'false',
                      'aria-label': `${n} ${severity} ${status} alerts: show only these`,
                      disabled: n === 0 && !pressed,
                    },
                    on: { click: () => toggle(severity, status) },
                  },
                  String(n),
                ),
              );
            }),
          ),
        ),
      ),
    ),
  );
}

function layout(host: ViewHost, table: TableData, nextCursor: string | null): void {
  const app = document.getElementById('app')!;
  const grid = new Grid({ label: 'Alerts', columns: columnsOf(table.columns) });
  const filter = h('input', { attrs: { type: 'search', placeholder: 'title, id, detection…' } });
  const count = h('span', { class: 'muted', attrs: { 'aria-live': 'polite' } });
  const more = h('button', { attrs: { type: 'button' } }, 'Load more alerts');
  const matrix = h('div', { class: 'matrix-wrap' });
  const detail = h('section', { class: 'panel', attrs: { 'aria-label': 'Alert detail', hidden: true } });
  board = { host, args: toolArgs, table, nextCursor, cell: {}, text: '', grid, matrix, count, more, detail };
  filter.addEventListener('input', () => {
    board!.text = filter.value.trim();
    applyFilters();
  });
  more.addEventListener('click', () => void loadMore());
  fill(
    app,
    h('h1', null, 'Alerts'),
    h('p', { attrs: { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' } }),
    matrix,
    h(
      'div',
      { class: 'toolbar' },
      h('label', null, 'Filter', filter),
      h(
        'button',
        {
          attrs: { type: 'button' },
          on: {
            click: () => {
              board!.cell = {};
              board!.text = '';
              filter.value = '';
              applyFilters();
            },
          },
        },
        'Show all',
      ),
      count,
      more,
    ),
    grid.element,
    detail,
  );
  grid.setRows(table.rows);
  if (col('createdAt') !== -1) grid.sortBy(col('createdAt'), true);
  more.hidden = nextCursor === null;
  applyFilters();
}

async function loadMore(): Promise<void> {
  const b = board!;
  if (b.nextCursor === null) return;
  b.more.disabled = true;
  announce('Loading more alerts…');
  const answer = await b.host.call('list_alerts', { ...b.args, cursor: b.nextCursor });
  b.more.disabled = false;
  if (!answer.ok) return announce(answer.text, 'error');
  const next = tableOf(answer.value['alerts']);
  if (!next) return announce('list_alerts returned no table of alerts.', 'error');
  b.table = { columns: b.table.columns, rows: [...b.table.rows, ...next.rows] };
  b.nextCursor = typeof answer.value['next_cursor'] === 'string' ? answer.value['next_cursor'] : null;
  b.more.hidden = b.nextCursor === null;
  b.grid.setRows(b.table.rows);
  applyFilters();
  announce(`${next.rows.length} more alerts loaded.`);
}

function updateRow(id: string, column: string, value: unknown): void {
  const b = board!;
  const idIndex = col('id');
  const index = col(column);
  if (idIndex === -1 || index === -1) return;
  b.table = {
    columns: b.table.columns,
    rows: b.table.rows.map((row) =>
      row[idIndex] === id ? row.map((v, i) => (i === index ? value : v)) : row,
    ),
  };
  b.grid.setRows(b.table.rows);
  applyFilters();
}

/** Runs a write through the host: the person may be asked to confirm it there; the answer is announced. */
async function act(
  button: HTMLButtonElement,
  tool: string,
  args: Record<string, unknown>,
  done: string,
): Promise<Answer> {
  button.disabled = true;
  announce(`Sending ${tool}… your client may ask you to confirm.`);
  const answer = await board!.host.call(tool, args);
  button.disabled = false;
  if (answer.ok) announce(done);
  else announce(answer.text, 'error');
  return answer;
}

function actions(id: string, alert: Record<string, unknown>): Child {
  const { host } = board!;
  const forms: HTMLElement[] = [];
  if (host.canCall('update_alert_status')) {
    const select = h(
      'select',
      null,
      STATUSES.map((s) => h('option', { attrs: { value: s, selected: s === alert['status'] } }, s)),
    );
    const button = h('button', { class: 'primary', attrs: { type: 'button' } }, 'Set status');
    button.addEventListener('click', async () => {
      const status = select.value;
      const answer = await act(
        button,
        'update_alert_status',
        { alert_ids: [id], status },
        `Status set to ${status}.`,
      );
      if (answer.ok) {
        updateRow(id, 'status', status);
        void openDetail(id, false);
      }
    });
    forms.push(h('div', { class: 'toolbar' }, h('label', null, 'Status', select), button));
  }
  if (host.canCall('update_alert_assignee')) {
    const input = h('input', { attrs: { type: 'text', placeholder: 'Panther user id', size: 30 } });
    const button = h('button', { attrs: { type: 'button' } }, 'Assign');
    button.addEventListener('click', async () => {
      if (input.value.trim() === '') return announce('Enter the user id to assign the alert to.', 'error');
      const answer = await act(
        button,
        'update_alert_assignee',
        { alert_ids: [id], assignee_id: input.value.trim() },
        'Assignee changed.',
      );
      if (answer.ok) void openDetail(id, false);
    });
    forms.push(h('div', { class: 'toolbar' }, h('label', null, 'Assignee', input), button));
  }
  if (host.canCall('add_alert_comment')) {
    const area = h('textarea', { attrs: { rows: 2, cols: 50 } });
    const button = h('button', { attrs: { type: 'button' } }, 'Add comment');
    button.addEventListener('click', async () => {
      if (area.value.trim() === '') return announce('Write the comment first.', 'error');
      const answer = await act(
        button,
        'add_alert_comment',
        { alert_id: id, comment: area.value },
        'Comment added.',
      );
      if (answer.ok) area.value = '';
    });
    forms.push(h('div', { class: 'toolbar' }, h('label', null, 'Comment', area), button));
  }
  return forms.length === 0
    ? null
    : h(
        'div',
        { class: 'actions', attrs: { role: 'group', 'aria-label': 'Actions' } },
        h('h3', null, 'Actions'),
        forms,
      );
}

async function openDetail(id: string, focus = true): Promise<void> {
  const { detail, host } = board!;
  detail.hidden = false;
  const heading = h('h2', { attrs: { tabindex: -1 } }, 'Alert ', h('span', { class: 'mono' }, id));
  fill(detail, heading, h('p', { class: 'muted' }, 'Loading…'));
  if (focus) heading.focus();
  const [alertAnswer, eventsAnswer] = await Promise.all([
    host.call('get_alert', { alert_id: id }),
    host.canCall('get_alert_events') ? host.call('get_alert_events', { alert_id: id, limit: 10 }) : undefined,
  ]);
  if (!alertAnswer.ok) {
    fill(detail, heading, h('p', { class: 'status error' }, alertAnswer.text));
    return;
  }
  const alert = (alertAnswer.value['alert'] ?? {}) as Record<string, unknown>;
  const events =
    eventsAnswer?.ok && Array.isArray(eventsAnswer.value['events'])
      ? (eventsAnswer.value['events'] as unknown[])
      : [];
  fill(
    detail,
    heading,
    h('p', null, h('strong', null, display(alert['title'], 500))),
    fieldList([
      ['Severity', severityBadge(alert['severity'])],
      ['Status', alert['status']],
      ['Assignee', alert['assignee'] ?? alert['assigneeId']],
      ['Detection', alert['detectionId']],
      ['Created', when(alert['createdAt'])],
      ['Updated', when(alert['updatedAt'])],
      ['Events', alert['eventCount']],
      ['Description', alert['description']],
      ['Runbook', alert['runbook']],
      ['Reference', alert['reference']],
    ]),
    actions(id, alert),
    h(
      'h3',
      null,
      `Events (${events.length}${eventsAnswer?.ok && eventsAnswer.value['next_cursor'] ? '+' : ''})`,
    ),
    eventsAnswer && !eventsAnswer.ok ? h('p', { class: 'status error' }, eventsAnswer.text) : null,
    events.map((event, index) => {
      const e = (event ?? {}) as Record<string, unknown>;
      return h(
        'details',
        null,
        h(
          'summary',
          null,
          `${when(e['p_event_time']) || `Event ${index + 1}`} · ${display(e['p_log_type'] ?? '', 80)}`,
        ),
        jsonBlock(event, `Event ${index + 1}`),
      );
    }),
  );
}

startView('panther-alert-board', {
  input(args) {
    toolArgs = args;
    if (board) board.args = args;
  },
  answer(answer, host) {
    if (!answer.ok) return announce(answer.text, 'error');
    const table = tableOf(answer.value['alerts']);
    if (!table) return announce('The answer has no table of alerts.', 'error');
    const next = typeof answer.value['next_cursor'] === 'string' ? answer.value['next_cursor'] : null;
    layout(host, table, next);
    if (typeof answer.value['note'] === 'string' && table.rows.length === 0) announce(answer.value['note']);
  },
});
