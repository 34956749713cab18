import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { McpHostError } from '../errors.js';
import { formatIssues } from '../util/formatIssues.js';
import { ConfigFileError, loadTypeScriptConfig } from './loadTypeScriptConfig.js';
import { parseJsonConfig } from './parseJsonConfig.js';
import { configSchema, type HostConfig } from './schema.js';

export const CONFIG_MODULE_NAME = 'mcp-panther';

/** Where cosmiconfig looks, in order, in the working directory (`--config PATH` skips the search). */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  `.${CONFIG_MODULE_NAME}rc`,
  `.${CONFIG_MODULE_NAME}rc.json`,
  `.${CONFIG_MODULE_NAME}rc.yaml`,
  `.${CONFIG_MODULE_NAME}rc.yml`,
  `.${CONFIG_MODULE_NAME}rc.js`,
  `.${CONFIG_MODULE_NAME}rc.mjs`,
  `.${CONFIG_MODULE_NAME}rc.cjs`,
  `.${CONFIG_MODULE_NAME}rc.ts`,
  `${CONFIG_MODULE_NAME}.config.json`,
  `${CONFIG_MODULE_NAME}.config.yaml`,
  `${CONFIG_MODULE_NAME}.config.yml`,
  `${CONFIG_MODULE_NAME}.config.js`,
  `${CONFIG_MODULE_NAME}.config.mjs`,
  `${CONFIG_MODULE_NAME}.config.cjs`,
  `${CONFIG_MODULE_NAME}.config.ts`,
];

export type EnvKind = 'string' | 'number' | 'boolean' | 'list' | 'level';

/** An environment variable and the config field it sets. */
export interface EnvVar {
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: EnvKind;
}

/**
 * A top-level config section that the host's caller owns (the CLI's `sandbox`, `telemetry` and `redis`): validated
 * with the rest of the file, its errors reported in the same message, its value handed back in
 * `LoadedConfig.sections`, and the secrets it holds in `LoadedConfig.secrets` (for the host to redact).
 */
export interface ConfigSection<T = unknown> {
  readonly key: string;
  /** Gets `undefined` when the file has no such section: give it a default (or make it optional). */
  readonly schema: z.ZodType<T>;
  /** The environment variables that set its fields (paths start with `key`). */
  readonly env?: readonly EnvVar[] | undefined;
  /** The values of the validated section that must never be shown (passwords in URLs, tokens). */
  secrets?(value: T): readonly string[];
}

/** Environment variables (the reference server's, then ours) and the config field each one sets. */
export const ENV_VARS: readonly EnvVar[] = [
  { name: 'PANTHER_INSTANCE_URL', path: ['panther', 'instanceUrl'], kind: 'string' },
  { name: 'PANTHER_API_TOKEN', path: ['panther', 'token'], kind: 'string' },
  { name: 'PANTHER_REST_API_URL', path: ['panther', 'restUrl'], kind: 'string' },
  { name: 'PANTHER_GQL_API_URL', path: ['panther', 'graphqlUrl'], kind: 'string' },
  { name: 'MCP_TRANSPORT', path: ['server', 'transport'], kind: 'string' },
  { name: 'MCP_HOST', path: ['server', 'host'], kind: 'string' },
  { name: 'MCP_PORT', path: ['server', 'port'], kind: 'number' },
  { name: 'MCP_LOG_FILE', path: ['logging', 'file'], kind: 'string' },
  { name: 'LOG_LEVEL', path: ['logging', 'level'], kind: 'level' },
  { name: 'MCP_PANTHER_MODE', path: ['policy', 'mode'], kind: 'string' },
  { name: 'MCP_PANTHER_ALLOW_TOOLS', path: ['policy', 'allowTools'], kind: 'list' },
  { name: 'MCP_PANTHER_DENY_TOOLS', path: ['policy', 'denyTools'], kind: 'list' },
  { name: 'MCP_PANTHER_CONFIRM_WRITES', path: ['policy', 'confirmWrites'], kind: 'string' },
  { name: 'MCP_HTTP_AUTH_TOKEN', path: ['server', 'authToken'], kind: 'string' },
  { name: 'MCP_HTTP_STATELESS', path: ['server', 'stateless'], kind: 'boolean' },
  { name: 'MCP_HTTP_STATELESS_VIEWS', path: ['views', 'stateless'], kind: 'string' },
  { name: 'MCP_PANTHER_VIEWS', path: ['views', 'enabled'], kind: 'boolean' },
  { name: 'MCP_ALLOWED_ORIGINS', path: ['server', 'allowedOrigins'], kind: 'list' },
  { name: 'MCP_ALLOWED_HOSTS', path: ['server', 'allowedHosts'], kind: 'list' },
  { name: 'MCP_LOG_FORMAT', path: ['logging', 'format'], kind: 'string' },
  { name: 'MCP_AUDIT_LOG_FILE', path: ['logging', 'auditFile'], kind: 'string' },
  { name: 'MCP_PANTHER_ALLOW_UNREACHABLE', path: ['panther', 'allowUnreachable'], kind: 'boolean' },
];

/** Values from command-line flags: a source above the environment. Each is named in errors by its flag. */
export interface ConfigOverride {
  readonly path: readonly string[];
  readonly value: unknown;
  /** How the user wrote it, for errors: `--port`. */
  readonly source: string;
}

export interface LoadConfigOptions {
  /** `--config PATH`: load this file instead of searching. */
  readonly configPath?: string | undefined;
  /** Where to search for a config file (default `process.cwd()`). */
  readonly cwd?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly overrides?: readonly ConfigOverride[] | undefined;
  /** Sections besides the host's own. */
  readonly sections?: readonly ConfigSection[] | undefined;
}

export interface LoadedConfig {
  readonly config: HostConfig;
  /** The file the config came from, if any. */
  readonly filepath: string | undefined;
  /** Where pack names are resolved from first: the config file's folder, else the working directory. */
  readonly baseDir: string;
  /** The validated value of each extra section, by key. */
  readonly sections: Readonly<Record<string, unknown>>;
  /** What the sections say must never be shown: give it to the host (`CreateHostOptions.secrets`). */
  readonly secrets: readonly string[];
}

function convert(raw: string, kind: EnvKind): unknown {
  switch (kind) {
    case 'number':
      return /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      return raw;
    }
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'level': {
      const v = raw.trim().toLowerCase();
      return v === 'warning' ? 'warn' : v === 'critical' || v === 'fatal' ? 'error' : v;
    }
    default:
      return raw;
  }
}

function setPath(target: Record<string, unknown>, at: readonly string[], value: unknown): void {
  let node = target;
  for (const key of at.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[at[at.length - 1]!] = value;
}

/** `~/x` → the home folder's `x`. */
export function expandHome(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  return file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;
}

/**
 * The common cases without cosmiconfig (and its JSON, YAML and TypeScript loaders), which costs tens of
 * milliseconds to import on every start: a `.json` file given by path, and a search that finds no candidate at
 * all. Anything else (or anything unusual, such as JSON that does not parse) goes to cosmiconfig, so results and
 * error messages stay cosmiconfig's. Undefined: no fast answer.
 */
function readFileFast(
  options: LoadConfigOptions,
  cwd: string,
): { raw: unknown; filepath: string | undefined } | undefined {
  try {
    if (options.configPath) {
      const file = path.resolve(cwd, options.configPath);
      if (path.extname(file) !== '.json' || path.basename(file) === 'package.json') return undefined;
      const text = readFileSync(file, 'utf8');
      // An empty file goes the long way, which refuses it.
      if (text.trim() === '') return undefined;
      return { raw: JSON.parse(text), filepath: file };
    }
    for (const place of CONFIG_SEARCH_PLACES) {
      const file = path.join(cwd, place);
      if (!existsSync(file)) continue;
      if (place !== 'package.json') return undefined;
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof pkg !== 'object' || pkg === null || CONFIG_MODULE_NAME in pkg) return undefined;
    }
    return { raw: {}, filepath: undefined };
  } catch {
    return undefined;
  }
}

/** Why a config file without settings is refused. */
export const EMPTY_FILE =
  'the file holds no settings (it is empty, or only whitespace or comments); an empty config is refused, never read as the defaults';

type Loader = (filepath: string, content: string) => unknown;

/** A loader whose errors carry the file's path, so that a failed search names the file, not the folder. */
function namingTheFile(loader: Loader, kind?: string): Loader {
  return async (filepath, content) => {
    try {
      return await loader(filepath, content);
    } catch (error) {
      const message = (error as Error).message;
      // cosmiconfig's YAML loader starts with "YAML Error in <file>:"; the caller names the file once.
      const reason = kind
        ? `${kind} syntax error: ${message.replace(/^YAML Error in .*?:\s*/, '')}`
        : message;
      throw new ConfigFileError(filepath, reason, { cause: error });
    }
  };
}

async function readFile(options: LoadConfigOptions): Promise<{ raw: unknown; filepath: string | undefined }> {
  const cwd = options.cwd ?? process.cwd();
  const fast = readFileFast(options, cwd);
  if (fast) return fast;
  try {
    const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
    const explorer = cosmiconfig(CONFIG_MODULE_NAME, {
      searchPlaces: CONFIG_SEARCH_PLACES,
      cache: false,
      loaders: {
        '.ts': loadTypeScriptConfig,
        '.json': parseJsonConfig,
        '.yaml': namingTheFile(defaultLoaders['.yaml'], 'YAML'),
        '.yml': namingTheFile(defaultLoaders['.yml'], 'YAML'),
        noExt: namingTheFile(defaultLoaders.noExt, 'YAML'),
        '.js': namingTheFile(defaultLoaders['.js']),
        '.mjs': namingTheFile(defaultLoaders['.mjs']),
        '.cjs': namingTheFile(defaultLoaders['.cjs']),
      },
    });
    const given = options.configPath ? path.resolve(cwd, options.configPath) : undefined;
    const result = given ? await explorer.load(given) : await explorer.search(cwd);
    // Never the defaults: an empty file is most often one being written (truncated, not yet filled), and reading
    // it as `{}` would drop every allow and deny list. (A file given by path that loads as nothing is null: a YAML
    // document of comments only.)
    if (given && !result) throw new ConfigFileError(given, EMPTY_FILE);
    if (!result) return { raw: {}, filepath: undefined };
    if (result.isEmpty) throw new ConfigFileError(result.filepath, EMPTY_FILE);
    return { raw: result.config, filepath: result.filepath };
  } catch (error) {
    const file =
      error instanceof ConfigFileError
        ? error.filepath
        : options.configPath
          ? path.resolve(cwd, options.configPath)
          : cwd;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new McpHostError('CONFIG_INVALID', `Cannot read the config file ${file}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Loads the config: the file (`--config PATH`, or cosmiconfig's search in the working directory), then
 * environment variables, then command-line overrides, validated by zod. Throws one `CONFIG_INVALID` error that
 * names the file, each bad field (and the variable or flag that set it) and what is allowed.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const { raw, filepath } = await readFile(options);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new McpHostError('CONFIG_INVALID', `Invalid configuration in ${filepath}: it must be an object`);
  }
  const merged = structuredClone(raw) as Record<string, unknown>;
  const sources = new Map<string, string>();
  const env = options.env ?? process.env;
  const sections = options.sections ?? [];
  for (const variable of [...ENV_VARS, ...sections.flatMap((section) => section.env ?? [])]) {
    const value = env[variable.name];
    if (value === undefined || value === '') continue;
    setPath(merged, variable.path, convert(value, variable.kind));
    sources.set(variable.path.join('.'), variable.name);
  }
  for (const override of options.overrides ?? []) {
    setPath(merged, override.path, override.value);
    sources.set(override.path.join('.'), override.source);
  }

  const schema =
    sections.length === 0
      ? configSchema
      : configSchema.extend(Object.fromEntries(sections.map((section) => [section.key, section.schema])));
  const parsed = schema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    const where = filepath ? `in ${filepath}` : '(no config file; from the environment and flags)';
    const lines = formatIssues(parsed.error, schema).map((issue) => {
      const source = sources.get(issue.path);
      return `  - ${issue.path || '(root)'}${source ? ` (from ${source})` : ''}: ${issue.message}`;
    });
    throw new McpHostError('CONFIG_INVALID', `Invalid configuration ${where}:\n${lines.join('\n')}`);
  }
  const data = parsed.data as HostConfig & Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const section of sections) {
    extra[section.key] = data[section.key];
    delete data[section.key];
    secrets.push(...(section.secrets?.(extra[section.key]) ?? []));
  }
  const config: HostConfig = data;
  const logFile = expandHome(config.logging.file);
  const auditFile = expandHome(config.logging.auditFile);
  return {
    config: {
      ...config,
      logging: {
        ...config.logging,
        ...(logFile ? { file: logFile } : {}),
        ...(auditFile ? { auditFile } : {}),
      },
    },
    filepath,
    baseDir: filepath ? path.dirname(filepath) : (options.cwd ?? process.cwd()),
    sections: extra,
    secrets: secrets.filter((secret) => secret !== ''),
  };
}

/** Parses a config object (no file, no environment): for tests and embedding. */
export function parseConfig(input: unknown): HostConfig {
  const parsed = configSchema.safeParse(input ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const lines = formatIssues(parsed.error, configSchema).map(
    (i) => `  - ${i.path || '(root)'}: ${i.message}`,
  );
  throw new McpHostError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
}
