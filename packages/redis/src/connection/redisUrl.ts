/** The URL with its user-info replaced by `***`, safe to log. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '') parsed.username = '***';
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

/** The URL's password and user name (decoded and raw), which must never appear in a log line or an error. */
export function urlSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    const secrets = [parsed.password, parsed.username].filter((s) => s !== '');
    return [...new Set(secrets.flatMap((s) => [s, decodeURIComponent(s)]))];
  } catch {
    return [];
  }
}

/** Replaces every occurrence of each secret in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}
