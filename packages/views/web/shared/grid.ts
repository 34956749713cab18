import { type Child, display, fill, h } from './dom.js';

/** One column of a grid: its label, how a cell shows, and how it sorts. */
export interface Column {
  readonly label: string;
  readonly numeric?: boolean;
  render?(value: unknown, row: readonly unknown[]): Child;
  sortValue?(value: unknown): string | number;
}

export interface GridOptions {
  /** The table's accessible name. */
  readonly label: string;
  readonly columns: readonly Column[];
  /** Called when the sort changes (views keep it in their own state). */
  onSort?(column: number, descending: boolean): void;
}

/** Past this many rows only the rows in sight are in the DOM (plus a margin), so long results stay smooth. */
export const VIRTUAL_AFTER = 200;
const ROW_HEIGHT = 32;
const MARGIN_ROWS = 12;

function defaultSortValue(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return '';
  return display(value, 500).toLowerCase();
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * A sortable, filterable table. Rows are arrays in column order. Sorting is by header buttons (keyboard reachable,
 * `aria-sort`); past VIRTUAL_AFTER rows it renders only what is in sight, with `aria-rowcount`/`aria-rowindex` so
 * assistive technology still knows the size.
 */
export class Grid {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly headers: HTMLTableCellElement[];
  private rows: readonly (readonly unknown[])[] = [];
  private shown: readonly (readonly unknown[])[] = [];
  private filter: ((row: readonly unknown[]) => boolean) | undefined;
  private sort: { column: number; descending: boolean } | undefined;
  private frame = 0;

  constructor(private readonly options: GridOptions) {
    this.headers = options.columns.map((column, index) =>
      h(
        'th',
        { attrs: { scope: 'col', 'aria-sort': 'none' }, class: column.numeric ? 'num' : undefined },
        h(
          'button',
          { class: 'sort', attrs: { type: 'button' }, on: { click: () => this.toggleSort(index) } },
          column.label,
        ),
      ),
    );
    this.body = h('tbody');
    this.table = h(
      'table',
      { class: 'grid', attrs: { 'aria-label': options.label } },
      h('thead', null, h('tr', { attrs: { 'aria-rowindex': 1 } }, this.headers)),
      this.body,
    );
    this.element = h(
      'div',
      { class: 'grid-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': options.label } },
      this.table,
    );
    this.element.addEventListener('scroll', () => this.scheduleRender(), { passive: true });
  }

  setRows(rows: readonly (readonly unknown[])[]): void {
    this.rows = rows;
    this.update();
  }

  setFilter(filter: ((row: readonly unknown[]) => boolean) | undefined): void {
    this.filter = filter;
    this.update();
  }

  /** Sorts by a column; the same column again flips the direction. */
  sortBy(column: number, descending: boolean): void {
    this.sort = { column, descending };
    this.headers.forEach((th, index) => {
      th.setAttribute('aria-sort', index === column ? (descending ? 'descending' : 'ascending') : 'none');
    });
    this.update();
  }

  /** The rows as shown: filtered, then sorted. */
  visibleRows(): readonly (readonly unknown[])[] {
    return this.shown;
  }

  private toggleSort(column: number): void {
    const descending = this.sort?.column === column ? !this.sort.descending : false;
    this.sortBy(column, descending);
    this.options.onSort?.(column, descending);
  }

  private update(): void {
    let shown = this.filter ? this.rows.filter(this.filter) : [...this.rows];
    if (this.sort) {
      const { column, descending } = this.sort;
      const key = this.options.columns[column]?.sortValue ?? defaultSortValue;
      const keyed = shown.map((row) => [key(row[column]), row] as const);
      keyed.sort((a, b) => (descending ? compare(b[0], a[0]) : compare(a[0], b[0])));
      shown = keyed.map(([, row]) => row);
    }
    this.shown = shown;
    this.table.setAttribute('aria-rowcount', String(shown.length + 1));
    this.element.classList.toggle('virtual', shown.length > VIRTUAL_AFTER);
    this.render();
  }

  private scheduleRender(): void {
    if (this.frame !== 0 || this.shown.length <= VIRTUAL_AFTER) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const total = this.shown.length;
    let first = 0;
    let last = total;
    if (total > VIRTUAL_AFTER) {
      const height = this.element.clientHeight || 480;
      first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - MARGIN_ROWS);
      last = Math.min(total, first + Math.ceil(height / ROW_HEIGHT) + 2 * MARGIN_ROWS);
    }
    const rows: HTMLTableRowElement[] = [];
    if (first > 0) rows.push(this.spacer(first));
    for (let index = first; index < last; index++) rows.push(this.row(this.shown[index]!, index));
    if (last < total) rows.push(this.spacer(total - last));
    if (total === 0) {
      rows.push(
        h(
          'tr',
          null,
          h('td', { class: 'empty', attrs: { colspan: this.options.columns.length } }, 'No rows match.'),
        ),
      );
    }
    fill(this.body, rows);
  }

  private row(row: readonly unknown[], index: number): HTMLTableRowElement {
    return h(
      'tr',
      { attrs: { 'aria-rowindex': index + 2 } },
      this.options.columns.map((column, c) => {
        const value = row[c];
        const content = column.render ? column.render(value, row) : display(value);
        return h(
          'td',
          {
            class: column.numeric ? 'num' : undefined,
            attrs: { title: typeof content === 'string' ? display(value, 2000) : undefined },
          },
          content,
        );
      }),
    );
  }

  private spacer(count: number): HTMLTableRowElement {
    const cell = h('td', { attrs: { colspan: this.options.columns.length } });
    cell.style.height = `${count * ROW_HEIGHT}px`;
    return h('tr', { class: 'spacer', attrs: { 'aria-hidden': 'true' } }, cell);
  }
}
