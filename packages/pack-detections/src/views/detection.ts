import { defineView } from '@mcp-panther/core';
import { viewHtml } from '@mcp-panther/views';

/** One detection: its body with highlighting, tests, severity, enabled state, and the disable action. */
export default defineView({
  uri: 'ui://panther/detection',
  title: 'Detection',
  description:
    'A detection with its highlighted body, unit tests, severity and state, and the disable action.',
  calls: ['disable_detection'],
  html: viewHtml.detection,
});
