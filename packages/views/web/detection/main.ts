import '../shared/styles.css';
import { startView, type ViewHost } from '../shared/connect.js';
import { announce, display, fill, h } from '../shared/dom.js';
import { fieldList, jsonBlock, severityBadge, when } from '../shared/format.js';
import { highlightPython } from '../shared/highlight.js';

/** One detection: body with highlighting, its tests, severity, enabled state, and the disable action. */

/** The result key of each kind, and the detection_type disable_detection takes for it. */
const TYPES: Record<string, string> = {
  rule: 'rules',
  scheduled_rule: 'scheduled_rules',
  simple_rule: 'simple_rules',
  policy: 'policies',
};

type Detection = Record<string, unknown>;

function stateBadge(enabled: unknown): HTMLElement {
  return enabled === false
    ? h('span', { class: 'badge bad', attrs: { 'data-state': 'disabled' } }, 'Disabled')
    : h('span', { class: 'badge ok', attrs: { 'data-state': 'enabled' } }, 'Enabled');
}

function tests(detection: Detection): HTMLElement[] {
  const list = Array.isArray(detection['tests']) ? (detection['tests'] as Record<string, unknown>[]) : [];
  if (list.length === 0) return [h('p', { class: 'muted' }, 'No unit tests.')];
  return [
    h(
      'ul',
      { class: 'tests' },
      list.map((test, index) => {
        let resource: unknown = test['resource'];
        if (typeof resource === 'string') {
          try {
            resource = JSON.parse(resource);
          } catch {
            // Shown as the text it is.
          }
        }
        return h(
          'li',
          null,
          h(
            'details',
            null,
            h(
              'summary',
              null,
              display(test['name'] ?? `Test ${index + 1}`, 200),
              ' — expects ',
              test['expectedResult'] === false ? 'no alert' : 'an alert',
            ),
            jsonBlock(resource, `Test ${index + 1} event`),
          ),
        );
      }),
    ),
  ];
}

function render(kind: string, detection: Detection, host: ViewHost, args: Record<string, unknown>): void {
  const id = String(detection['id'] ?? args['detection_id'] ?? '');
  const state = h('span', null, stateBadge(detection['enabled']));
  const body = typeof detection['body'] === 'string' ? detection['body'] : undefined;
  const disable = h('button', { class: 'danger', attrs: { type: 'button' } }, 'Disable detection');
  disable.hidden = !host.canCall('disable_detection') || detection['enabled'] === false;
  disable.addEventListener('click', async () => {
    disable.disabled = true;
    announce('Sending disable_detection… your client may ask you to confirm.');
    const answer = await host.call('disable_detection', {
      detection_id: id,
      detection_type: TYPES[kind] ?? 'rules',
    });
    disable.disabled = false;
    if (!answer.ok) return announce(answer.text, 'error');
    fill(state, stateBadge(false));
    disable.hidden = true;
    announce(`${id} is disabled.`);
  });
  fill(
    document.getElementById('app')!,
    h('h1', null, display(detection['displayName'] ?? id, 300)),
    h(
      'p',
      null,
      h('span', { class: 'mono' }, id),
      ' ',
      severityBadge(detection['severity']),
      ' ',
      state,
      detection['managed'] ? h('span', { class: 'muted' }, ' · Panther-managed') : null,
    ),
    h('p', { attrs: { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' } }),
    h('div', { class: 'toolbar' }, disable),
    fieldList([
      ['Description', detection['description']],
      ['Runbook', detection['runbook']],
      [
        'Log types',
        Array.isArray(detection['logTypes'])
          ? (detection['logTypes'] as unknown[]).join(', ')
          : detection['logTypes'],
      ],
      [
        'Resource types',
        Array.isArray(detection['resourceTypes'])
          ? (detection['resourceTypes'] as unknown[]).join(', ')
          : undefined,
      ],
      ['Tags', Array.isArray(detection['tags']) ? (detection['tags'] as unknown[]).join(', ') : undefined],
      ['Threshold', detection['threshold']],
      [
        'Deduplication',
        detection['dedupPeriodMinutes'] === undefined
          ? undefined
          : `${detection['dedupPeriodMinutes']} minutes`,
      ],
      ['Schedule', detection['schedule']],
      ['Modified', when(detection['lastModified'])],
    ]),
    h('h2', null, 'Body'),
    body !== undefined
      ? highlightPython(body)
      : detection['detection'] !== undefined
        ? jsonBlock(detection['detection'], 'Detection logic')
        : h('p', { class: 'muted' }, 'The answer has no body (ask get_detection for the body field).'),
    h('h2', null, 'Tests'),
    tests(detection),
  );
}

let toolArgs: Record<string, unknown> = {};

startView('panther-detection', {
  input(args) {
    toolArgs = args;
  },
  answer(answer, host) {
    if (!answer.ok) return announce(answer.text, 'error');
    const entry = Object.entries(answer.value).find(
      ([, v]) => v && typeof v === 'object' && !Array.isArray(v),
    );
    if (!entry) return announce('The answer has no detection.', 'error');
    render(entry[0], entry[1] as Detection, host, toolArgs);
  },
});
