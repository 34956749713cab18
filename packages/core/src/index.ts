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
export type { AccessTokenVerifier, TokenCheck, TokenClaims } from './auth/accessTokens.js';
export type {
  Admitted,
  AuthOutcome,
  AuthRequest,
  CallerLimits,
  HttpAuth,
  Refused,
} from './auth/types.js';
export type { CallData, CallKey } from './calls/callData.js';
export { callKey } from './calls/callData.js';
export { summarizeList } from './calls/describeChange.js';
export { AUDIT_ID } from './calls/hooks/audit.js';
export type { ConfirmationNote } from './calls/hooks/confirmWrites.js';
export { CONFIRMATION } from './calls/hooks/confirmWrites.js';
export type { CallObserver } from './calls/hooks/observeCalls.js';
export { observeCalls } from './calls/hooks/observeCalls.js';
export { PARSED_INPUT } from './calls/hooks/parseInput.js';
export { orderHooks } from './calls/orderHooks.js';
export type { CallHook, CallOutcome, CallPhase, Elicit, NextHook, ToolCall } from './calls/types.js';
export { CALL_PHASES } from './calls/types.js';
export type { PolicyState } from './catalog/catalog.js';
export type {
  FilterOptions,
  FilterResult,
  HiddenReason,
  HiddenTool,
  ToolEntry,
} from './catalog/filterTools.js';
export { filterTools } from './catalog/filterTools.js';
export type { PantherProbe, PantherState } from './catalog/probePanther.js';
export { PANTHER_FIXES, probePanther } from './catalog/probePanther.js';
export type { ToolsetRequest } from './catalog/toolsetRequest.js';
export type {
  AuthConfig,
  IntrospectionConfig,
  OAuthConfig,
  ProfileConfig,
  StaticTokenConfig,
} from './config/authSchema.js';
export type {
  ConfigOverride,
  ConfigSection,
  EnvKind,
  EnvVar,
  LoadConfigOptions,
  LoadedConfig,
} from './config/loadConfig.js';
export { CONFIG_SEARCH_PLACES, ENV_VARS, expandHome, loadConfig, parseConfig } from './config/loadConfig.js';
export type {
  ConfirmWrites,
  HostConfig,
  HostConfigInput,
  LogLevel,
  OwnershipSettings,
  PackEntry,
} from './config/schema.js';
export { DEFAULT_PACKS, defineConfig } from './config/schema.js';
export type { ConfigWatcher, WatchConfigOptions } from './config/watchConfig.js';
export { watchConfig } from './config/watchConfig.js';
export type {
  AudioBlock,
  ContentBlock,
  ContentOutput,
  ContentResult,
  EmbeddedResource,
  ImageBlock,
  ResourceBlock,
  TextBlock,
} from './define/content.js';
export { audioContent, contentOutput, imageContent, resourceContent, textContent } from './define/content.js';
export { definePack, definePrompt, defineResourceTemplate, defineView } from './define/definePack.js';
export { defineTool, deriveAnnotations } from './define/defineTool.js';
export type {
  Access,
  AnyTool,
  Continuation,
  DerivedAnnotations,
  ElicitationRequest,
  Logger,
  Ownership,
  PackDefinition,
  PermissionRequirement,
  PolicyMode,
  PromptContext,
  PromptDefinition,
  ResourceCompletionContext,
  ResourceTemplateDefinition,
  ResourceTemplateFields,
  ToolCaller,
  ToolContext,
  ToolDefinition,
  ToolOutput,
  ToolVisibility,
  ViewCsp,
  ViewDefinition,
  ViewFields,
} from './define/types.js';
export { PACK_API_VERSION } from './define/types.js';
export type { HostErrorCode } from './errors.js';
export { isMcpHostError, McpHostError, ToolInputError } from './errors.js';
export type { CreateHostOptions, Host } from './host/createHost.js';
export { createHost } from './host/createHost.js';
export type { Readiness } from './host/readiness.js';
export type { ReloadOptions, ReloadReport } from './host/reload.js';
export type { PackCheck } from './loading/checkPack.js';
export { checkPack } from './loading/checkPack.js';
export { CORE_VERSION } from './loading/coreVersion.js';
export { provideHostModules } from './loading/hostModules.js';
export { givenPackSource, packSources } from './loading/loadPacks.js';
export type { HostLogger, LoggerOptions, LogSink } from './logging/createLogger.js';
export { createLogger, fileSink, memorySink, stderrSink } from './logging/createLogger.js';
export { CHARS_PER_TOKEN, estimateTokens } from './output/estimateTokens.js';
export { DEFAULT_PARTS } from './parts/defaultParts.js';
export type { HostParts, PantherConnection, PartContext } from './parts/types.js';
export type { Redactor } from './security/redact.js';
export { createRedactor, maskUrlCredentials } from './security/redact.js';
export type { HostInfo } from './server/configResource.js';
export { CONFIG_RESOURCE_URI } from './server/configResource.js';
export { RESOURCE_URI } from './server/serveResources.js';
export type {
  SharedStore,
  SharedStoreState,
  SharedStoreStatus,
  SharedStoreView,
} from './sharedStore/types.js';
export { parseIsoDateTime } from './toolkit/isoDateTime.js';
export type { JsonObject } from './toolkit/objects.js';
export { compact, pick } from './toolkit/objects.js';
export type { PagedResult, PagedResultOptions, RestPage } from './toolkit/paging.js';
export { cursorOf, pagedResult } from './toolkit/paging.js';
export { cursorParam, fieldsParam, idParam, isoDateTimeParam, textParam } from './toolkit/params.js';
export { sleep } from './toolkit/sleep.js';
export type { Table, TableOptions } from './toolkit/table.js';
export { table } from './toolkit/table.js';
export type { RunningHttpServer } from './transport/http.js';
export type { TransportName } from './transport/registry.js';
export { TRANSPORT_CHOICES, TRANSPORTS, usesProcessStdio } from './transport/registry.js';
export type { HttpRoute, RunningRouteServer } from './transport/routes.js';
export { startRouteServer } from './transport/routes.js';
export type {
  RunningTransport,
  SessionInfo,
  TransportContext,
  TransportEntry,
  TransportLoader,
  TransportModule,
} from './transport/types.js';
export type {
  Caller,
  ClientScope,
  CredentialKind,
  PackBuildContext,
  PackSource,
  PantherTarget,
  ValidatedPack,
} from './types.js';
export type { InjectionOptions, InjectionSign } from './untrusted/detectInjection.js';
export { detectInjection } from './untrusted/detectInjection.js';
export type { Fenced, FenceOptions, FlaggedValue } from './untrusted/fenceValue.js';
export { fenceValue, valueAtPath } from './untrusted/fenceValue.js';
export { escapeHidden, unescapeHidden, visibleText } from './untrusted/hiddenText.js';
