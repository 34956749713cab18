import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import * as testing from './testing/index.js';

// The public surface is deliberate: adding or removing an export should be a visible change in review.
describe('public API', () => {
  it('@mcp-panther/core exports exactly these values', () => {
    expect(Object.keys(core).sort()).toEqual([
      'CHARS_PER_TOKEN',
      'CONFIG_RESOURCE_URI',
      'CONFIG_SEARCH_PLACES',
      'CORE_VERSION',
      'DEFAULT_PACKS',
      'DEFAULT_PARTS',
      'ENV_VARS',
      'McpHostError',
      'PACK_API_VERSION',
      'PantherApiError',
      'ToolInputError',
      'checkPack',
      'compact',
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
      'idParam',
      'isMcpHostError',
      'isPantherApiError',
      'isoDateTimeParam',
      'loadConfig',
      'loggerAuditSink',
      'maskUrlCredentials',
      'memorySink',
      'pagedResult',
      'parseConfig',
      'parseIsoDateTime',
      'pick',
      'provideHostModules',
      'sleep',
      'startRouteServer',
      'stderrSink',
      'summarizeList',
      'table',
      'textParam',
      'unescapeHidden',
      'visibleText',
      'watchConfig',
    ]);
  });

  it('@mcp-panther/core/testing exports exactly these values', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'assertPackConventions',
      'createFakeClient',
      'createTestHost',
      'createToolContext',
      'recordsOf',
      'runTool',
      'toolListEntry',
    ]);
  });
});
