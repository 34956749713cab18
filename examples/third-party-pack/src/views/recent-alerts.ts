import { readFile } from 'node:fs/promises';
import { defineView } from '@mcp-panther/core';

/**
 * The view of example_count_recent_alerts: counts by severity, and the same count over another window. Its HTML
 * is built by scripts/build-view.mjs into dist/views/ and read on first use; the URL climbs to the package folder
 * so that it finds the file from src/views (tests) and dist/views (the built pack) alike.
 */
export const recentAlertsView = defineView({
  uri: 'ui://example-ioc/recent-alerts',
  title: 'Recent alerts by severity',
  description: 'Alert counts by severity, with buttons to count another window.',
  calls: ['example_count_recent_alerts'],
  html: () => readFile(new URL('../../dist/views/recent-alerts.html', import.meta.url), 'utf8'),
});
