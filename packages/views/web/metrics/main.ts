import '../shared/styles.css';
import { type ChartData, drawChart, PALETTE, type Series } from '../shared/chart.js';
import { chartTable } from '../shared/chartTable.js';
import { type Answer, startView, type ViewHost } from '../shared/connect.js';
import { announce, fill, h } from '../shared/dom.js';

/** Alert metrics: alerts per severity as stacked bars over time, and alerts per rule as bars. */

const SEVERITY_COLORS: Record<string, string> = {
  CRITICAL: '#991b1b',
  HIGH: '#ea580c',
  MEDIUM: '#ca8a04',
  LOW: '#2563eb',
  INFO: '#6b7280',
};

interface Bucket {
  readonly label: string;
  readonly value: number;
  readonly breakdown: Readonly<Record<string, number>>;
}

function day(iso: string, minutes: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return minutes >= 1440
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })
    : date.toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'UTC',
      });
}

/** Stacked bars over time, one layer per label that has alerts (colour by severity, policies lighter). */
export function severityChart(value: Record<string, unknown>): ChartData | undefined {
  const buckets = (
    Array.isArray(value['alerts_per_severity']) ? value['alerts_per_severity'] : []
  ) as Bucket[];
  const minutes = typeof value['interval_in_minutes'] === 'number' ? value['interval_in_minutes'] : 1440;
  const times = [...new Set(buckets.flatMap((b) => Object.keys(b.breakdown ?? {})))].sort();
  const layers = buckets.filter((b) => b.value > 0);
  if (times.length === 0 || layers.length === 0) return undefined;
  const series: Series[] = layers.map((b, i) => {
    const severity = b.label.split(' ').pop() ?? '';
    const policy = b.label.startsWith('Policy');
    return {
      label: b.label,
      values: times.map((t) => b.breakdown[t] ?? 0),
      color: `${SEVERITY_COLORS[severity] ?? PALETTE[i % PALETTE.length]!}${policy ? '99' : ''}`,
    };
  });
  const total =
    typeof value['total_alerts'] === 'number'
      ? value['total_alerts']
      : layers.reduce((n, b) => n + b.value, 0);
  return {
    kind: 'stacked',
    x: times.map((t) => day(t, minutes)),
    series,
    summary: `Stacked bars of ${total} alerts by severity, ${times.length} intervals of ${minutes} minutes.`,
  };
}

export function ruleChart(value: Record<string, unknown>): ChartData | undefined {
  const rules = (Array.isArray(value['alerts_per_rule']) ? value['alerts_per_rule'] : []) as {
    label?: string;
    rule_id?: string;
    value: number;
  }[];
  if (rules.length === 0) return undefined;
  const top = [...rules].sort((a, b) => b.value - a.value).slice(0, 30);
  return {
    kind: 'bars',
    x: top.map((r) => r.label ?? r.rule_id ?? ''),
    series: [{ label: 'Alerts', values: top.map((r) => r.value), color: PALETTE[0]! }],
    summary: `Bars of alerts per rule: ${top.length} rules${rules.length > top.length ? ` (top ${top.length} of ${rules.length})` : ''}.`,
  };
}

let undraw: (() => void) | undefined;
let toolArgs: Record<string, unknown> = {};

function show(area: HTMLElement, data: ChartData | undefined, empty: string): void {
  undraw?.();
  undraw = undefined;
  if (!data) {
    fill(area, h('p', { class: 'muted' }, empty));
    return;
  }
  const figure = h('div');
  fill(area, figure, chartTable(data));
  undraw = drawChart(figure, data);
}

function render(first: Answer & { ok: true }, host: ViewHost): void {
  const bySeverity = 'alerts_per_severity' in first.value ? first.value : undefined;
  let byRule = 'alerts_per_rule' in first.value ? first.value : undefined;
  const window = { start_date: first.value['start_date'], end_date: first.value['end_date'] };
  const area = h('div', { class: 'chart-area' });
  const tabs = h('div', { class: 'tabs', attrs: { role: 'group', 'aria-label': 'Metric' } });
  const select = async (which: 'severity' | 'rule') => {
    for (const button of tabs.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(button.dataset['tab'] === which));
    if (which === 'severity')
      return show(area, bySeverity && severityChart(bySeverity), 'No severity metrics in this answer.');
    if (!byRule) {
      announce('Reading alerts per rule…');
      const answer = await host.call('get_rule_alert_metrics', window);
      if (!answer.ok) return announce(answer.text, 'error');
      byRule = answer.value;
      announce('');
    }
    show(area, ruleChart(byRule), 'No alerts per rule in this window.');
  };
  const tab = (which: 'severity' | 'rule', label: string, available: boolean) => {
    if (!available) return null;
    const button = h(
      'button',
      { attrs: { type: 'button', 'aria-pressed': 'false' }, on: { click: () => void select(which) } },
      label,
    );
    button.dataset['tab'] = which;
    return button;
  };
  fill(
    tabs,
    tab('severity', 'By severity over time', bySeverity !== undefined),
    tab('rule', 'By rule', byRule !== undefined || host.canCall('get_rule_alert_metrics')),
  );
  const from = typeof window.start_date === 'string' ? window.start_date : toolArgs['start_date'];
  const to = typeof window.end_date === 'string' ? window.end_date : toolArgs['end_date'];
  fill(
    document.getElementById('app')!,
    h('h1', null, 'Alert metrics'),
    h(
      'p',
      { class: 'muted' },
      `${from ?? ''} – ${to ?? ''}`,
      typeof first.value['total_alerts'] === 'number' ? ` · ${first.value['total_alerts']} alerts` : '',
    ),
    h('p', { attrs: { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' } }),
    tabs,
    area,
  );
  void select(bySeverity ? 'severity' : 'rule');
}

startView('panther-alert-metrics', {
  input(args) {
    toolArgs = args;
  },
  answer(answer, host) {
    if (!answer.ok) return announce(answer.text, 'error');
    render(answer, host);
  },
});
