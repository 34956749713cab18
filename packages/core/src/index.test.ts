import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import * as testing from './testing/index.js';
import * as view from './view.js';

// The public surface is deliberate: adding or removing an export should be a visible change in review.
describe('public API', () => {
  it('@mcp-panther/core exports exactly these values', () => {
    expect(Object.keys(core).sort()).toEqual([
      'AUDIT_ID',
      'CALL_PHASES',
      'CHARS_PER_TOKEN',
      'CONFIG_RESOURCE_URI',
      'CONFIG_SEARCH_PLACES',
      'CONFIRMATION',
      'CORE_VERSION',
      'DEFAULT_PACKS',
      'DEFAULT_PARTS',
      'ENV_VARS',
      'McpHostError',
      'PACK_API_VERSION',
      'PANTHER_FIXES',
      'PARSED_INPUT',
      'PantherApiError',
      'RESOURCE_URI',
      'TRANSPORTS',
      'TRANSPORT_CHOICES',
      'ToolInputError',
      'audioContent',
      'callKey',
      'checkPack',
      'compact',
      'contentOutput',
      'createHost',
      'createLogger',
      'createRedactor',
      'cursorOf',
      'cursorParam',
      'defineConfig',
      'definePack',
      'definePrompt',
      'defineResourceTemplate',
      'defineTool',
      'defineView',
      'deriveAnnotations',
      'detectInjection',
      'encodePath',
      'escapeHidden',
      'estimateTokens',
      'expandHome',
      'fenceValue',
      'fieldsParam',
      'fileAuditSink',
      'fileSink',
      'filterTools',
      'givenPackSource',
      'idParam',
      'imageContent',
      'isMcpHostError',
      'isPantherApiError',
      'isoDateTimeParam',
      'loadConfig',
      'loggerAuditSink',
      'maskUrlCredentials',
      'memorySink',
      'observeCalls',
      'orderHooks',
      'packSources',
      'pagedResult',
      'parseConfig',
      'parseIsoDateTime',
      'pick',
      'probePanther',
      'provideHostModules',
      'resourceContent',
      'sleep',
      'startRouteServer',
      'stderrSink',
      'summarizeList',
      'table',
      'textContent',
      'textParam',
      'unescapeHidden',
      'usesProcessStdio',
      'valueAtPath',
      'visibleText',
      'watchConfig',
    ]);
  });

  it('@mcp-panther/core/testing exports exactly these values', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'assertPackConventions',
      'createFakeClient',
      'createOwnerRecords',
      'createTestHost',
      'createToolContext',
      'recordsOf',
      'runTool',
      'toolListEntry',
    ]);
  });

  it('@mcp-panther/core/view exports exactly these values', () => {
    expect(Object.keys(view).sort()).toEqual([
      'CALLABLE_META_KEY',
      'escapeHidden',
      'shownText',
      'unescapeHidden',
    ]);
    expect(view.shownText('a\u200bb')).toBe('a[U+200B]b');
    // Text the host already escaped is shown the same, not escaped twice.
    expect(view.shownText(view.escapeHidden('a\u200bb'))).toBe('a[U+200B]b');
  });
});
