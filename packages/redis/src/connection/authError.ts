/** Redis refused the credentials, or wants some: a configuration error, which waiting will not mend. */
export function isRedisAuthError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /^(WRONGPASS|NOAUTH)\b|invalid (username-password pair|password)|ERR AUTH/i.test(message);
}
