import type { ChartData } from './chart.js';
import { h } from './dom.js';

/** The numbers a chart draws, as a table: what assistive technology reads instead of the canvas. */
export function chartTable(data: ChartData): HTMLElement {
  const label = (x: number | string) =>
    typeof x === 'number' ? new Date(x * 1000).toISOString().replace('.000Z', 'Z') : x;
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, 'Chart data'),
    h(
      'table',
      { class: 'grid', attrs: { 'aria-label': 'Chart data' } },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { attrs: { scope: 'col' } }, data.kind === 'time' ? 'Time' : 'Category'),
          data.series.map((s) => h('th', { attrs: { scope: 'col' }, class: 'num' }, s.label)),
        ),
      ),
      h(
        'tbody',
        null,
        data.x.map((x, i) =>
          h(
            'tr',
            null,
            h('th', { attrs: { scope: 'row' } }, label(x)),
            data.series.map((s) =>
              h(
                'td',
                { class: 'num' },
                s.values[i] === null || s.values[i] === undefined ? '' : String(s.values[i]),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
