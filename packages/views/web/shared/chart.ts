import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom.js';

/** One series of numbers, with its label and colour. */
export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
}

export type ChartKind = 'time' | 'bars' | 'stacked';

export interface ChartData {
  readonly kind: ChartKind;
  /** Unix seconds for `time`; category labels for `bars` and `stacked`. */
  readonly x: readonly number[] | readonly string[];
  readonly series: readonly Series[];
  /** What the chart shows, in one sentence: its accessible name. */
  readonly summary: string;
}

export const PALETTE = [
  '#2563eb',
  '#c2410c',
  '#15803d',
  '#7e22ce',
  '#b45309',
  '#0e7490',
  '#be123c',
  '#4d7c0f',
];

const HEIGHT = 260;
const LABEL_MAX = 16;

const shorten = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

/** Values summed layer by layer, so each stacked bar is drawn from 0 to its running total (top layer first). */
function stack(series: readonly Series[]): { totals: (number | null)[][]; order: number[] } {
  const running: number[] = [];
  const totals = series.map((s) =>
    s.values.map((v, i) => {
      running[i] = (running[i] ?? 0) + (v ?? 0);
      return running[i]!;
    }),
  );
  return { totals, order: series.map((_, i) => series.length - 1 - i) };
}

function options(data: ChartData, width: number): uPlot.Options {
  const categorical = data.kind !== 'time';
  const labels = categorical ? (data.x as readonly string[]) : [];
  const bars = uPlot.paths.bars!({ size: [0.7, 48] });
  const stacked = data.kind === 'stacked';
  const order = stacked ? stack(data.series).order : data.series.map((_, i) => i);
  return {
    width,
    height: HEIGHT,
    // One series needs no legend: the figure's caption names it.
    legend: { show: data.series.length > 1, live: !stacked },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: categorical
        ? { time: false, range: () => [-0.5, Math.max(labels.length - 0.5, 0.5)] }
        : { time: true },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      categorical
        ? {
            splits: () => labels.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => shorten(labels[i] ?? '')),
            rotate: labels.length > 6 ? -40 : 0,
            size: labels.length > 6 ? 90 : 40,
            gap: 4,
          }
        : {},
      {},
    ],
    series: [
      categorical
        ? { label: 'Category', value: (_u, i) => (i === null ? '' : (labels[i] ?? '')) }
        : { label: 'Time' },
      ...order.map((index): uPlot.Series => {
        const s = data.series[index]!;
        const series: uPlot.Series = {
          label: s.label,
          stroke: s.color,
          width: categorical ? 0 : 2,
          points: { show: !categorical && s.values.length < 60 },
        };
        if (categorical) {
          series.fill = s.color;
          series.paths = bars;
        }
        // Stacked bars are drawn from running totals; the legend still shows each layer's own value.
        if (stacked) series.value = (_u, _v, _si, i) => (i === null ? '' : String(s.values[i] ?? 0));
        return series;
      }),
    ],
  };
}

/**
 * A chart (uPlot, canvas) inside a figure whose accessible name says what it shows; the numbers themselves are
 * always also in a table next to it (the view's grid), since a canvas is one picture to assistive technology.
 */
export function drawChart(container: HTMLElement, data: ChartData): () => void {
  const plot = h('div', { class: 'plot', attrs: { role: 'img', 'aria-label': data.summary } });
  container.replaceChildren(h('figure', { class: 'chart' }, plot, h('figcaption', null, data.summary)));
  const xs = data.kind === 'time' ? [...(data.x as readonly number[])] : data.x.map((_, i) => i);
  const ys =
    data.kind === 'stacked' ? stack(data.series).totals.reverse() : data.series.map((s) => [...s.values]);
  const width = Math.max(container.clientWidth - 8, 320);
  const chart = new uPlot(options(data, width), [xs, ...ys] as uPlot.AlignedData, plot);
  const resize = new ResizeObserver(() => {
    const next = Math.max(container.clientWidth - 8, 320);
    if (Math.abs(next - chart.width) > 4) chart.setSize({ width: next, height: HEIGHT });
  });
  resize.observe(container);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}
