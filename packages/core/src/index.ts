/**
 * The public API of @mcp-panther/core: named exports only. Everything a pack author needs is here;
 * anything not exported is internal and may change.
 */
export type {
  CacheKind,
  GraphQLRequestOptions,
  PantherClient,
  PantherPermission,
  RestRequest,
} from '@mcp-panther/client';
export { encodePath, isPantherApiError, PantherApiError } from '@mcp-panther/client';
export type { AuditRecord, AuditSink } from './audit/auditSink.js';
export { fileAuditSink, loggerAuditSink } from './audit/auditSink.js';
export type {
  Admitted,
  AuthOutcome,
  AuthRequest,
  CallerLimits,
  HttpAuth,
  Refused,
} from './auth/types.js';
export { summarizeList } from './calls/describeChange.js';
export type { ConfirmationNote } from './calls/hooks/confirmWrites.js';
export type { CallObserver } from './calls/hooks/timing.js';
export type { CallHook, CallOutcome, Elicit, ToolCall } from './calls/types.js';
export type { AuthConfig, OAuthConfig, ProfileConfig, StaticTokenConfig } from './config/authSchema.js';
export type {
  ConfigOverride,
  ConfigSection,
  EnvKind,
  EnvVar,
  LoadConfigOptions,
  LoadedConfig,
} from './config/loadConfig.js';
export { CONFIG_SEARCH_PLACES, ENV_VARS, expandHome, loadConfig, parseConfig } from './config/loadConfig.js';
export type { ConfirmWrites, HostConfig, HostConfigInput, LogLevel, PackEntry } from './config/schema.js';
export { DEFAULT_PACKS, defineConfig } from './config/schema.js';
export { definePack, definePrompt, defineResourceTemplate } from './define/definePack.js';
export { defineTool, deriveAnnotations } from './define/defineTool.js';
export type {
  Access,
  AnyTool,
  Continuation,
  DerivedAnnotations,
  Logger,
  PackDefinition,
  PermissionRequirement,
  PolicyMode,
  PromptContext,
  PromptDefinition,
  ResourceCompletionContext,
  ResourceTemplateDefinition,
  ResourceTemplateFields,
  ToolContext,
  ToolDefinition,
} from './define/types.js';
export { PACK_API_VERSION } from './define/types.js';
export { DEFAULT_PARTS } from './di/defaultParts.js';
export type {
  ClientScope,
  HostParts,
  PantherConnection,
  PartContext,
  SharedStore,
  SharedStoreState,
  SharedStoreStatus,
  SharedStoreView,
} from './di/parts.js';
export type { HostErrorCode } from './errors.js';
export { isMcpHostError, McpHostError, ToolInputError } from './errors.js';
export type { PackCheck } from './host/checkPack.js';
export { checkPack } from './host/checkPack.js';
export { CORE_VERSION } from './host/coreVersion.js';
export type { CreateHostOptions, Host } from './host/createHost.js';
export { createHost } from './host/createHost.js';
export { provideHostModules } from './host/hostModules.js';
export type { ReloadOptions, ReloadReport } from './host/reload.js';
export type { ConfigWatcher, WatchConfigOptions } from './host/watchConfig.js';
export { watchConfig } from './host/watchConfig.js';
export type { HostLogger, LoggerOptions, LogSink } from './logging/createLogger.js';
export { createLogger, fileSink, memorySink, stderrSink } from './logging/createLogger.js';
export { CHARS_PER_TOKEN, estimateTokens } from './output/estimateTokens.js';
export { parseIsoDateTime } from './pack/isoDateTime.js';
export type { JsonObject } from './pack/objects.js';
export { compact, pick } from './pack/objects.js';
export type { PagedResult, PagedResultOptions, RestPage } from './pack/paging.js';
export { cursorOf, pagedResult } from './pack/paging.js';
export { cursorParam, fieldsParam, idParam, isoDateTimeParam, textParam } from './pack/params.js';
export { sleep } from './pack/sleep.js';
export type { Table, TableOptions } from './pack/table.js';
export { table } from './pack/table.js';
export type {
  FilterOptions,
  FilterResult,
  HiddenReason,
  HiddenTool,
  ToolEntry,
} from './policy/filterTools.js';
export { filterTools } from './policy/filterTools.js';
export type { Redactor } from './security/redact.js';
export { createRedactor, maskUrlCredentials } from './security/redact.js';
export type { HostInfo } from './server/configResource.js';
export { CONFIG_RESOURCE_URI } from './server/configResource.js';
export type { RunningHttpServer } from './transport/http.js';
export type { HttpRoute, RunningRouteServer } from './transport/routes.js';
export { startRouteServer } from './transport/routes.js';
export type {
  RunningTransport,
  SessionInfo,
  TransportContext,
  TransportLoader,
  TransportModule,
} from './transport/types.js';
export type { Caller, PackSource, PantherTarget, PolicyState, ValidatedPack } from './types.js';
