/**
 * The table of streamable-HTTP sessions: a cap on how many exist, an idle expiry that releases abandoned ones and
 * an absolute lifetime. Each session records the caller it belongs to (`callerKey`) and what that caller was
 * granted when it opened it; a request is served only while its caller's grant is the same (see `begin`).
 * Admission runs a list of limits, so a per-caller cap is one more `SessionLimit` and not a change to the table.
 */

/** What a session holds that must be released when it ends. */
export interface SessionResources {
  close(): Promise<void>;
}

/**
 * Who a session belongs to and what that caller was granted: the caller's key, and its grant as a comparable
 * string (the key, the profile and, for a static token, which value of it). Never holds a token.
 */
export interface SessionBinding {
  readonly key: string;
  readonly grant: string;
  /** The profile, for messages. */
  readonly profile?: string | undefined;
  /** The grant the same caller would get now (after a reload); undefined when it would be refused. */
  readonly regrant?: (() => string | undefined) | undefined;
}

/** Why a session ended without being closed by its client. */
export type SessionEnd = 'idle' | 'max-age' | 'access-changed';

export interface SessionRecord {
  readonly id: string;
  readonly callerKey: string;
  /** When the session was opened (ms, the table's clock). */
  readonly created: number;
  /** Last time a request of this session started or ended (ms, the table's clock). */
  readonly lastActive: number;
  /** Requests of this session being served (not counting the standalone SSE stream): such a session is not idle. */
  readonly inFlight: number;
}

/** Why a new session is refused: an HTTP status (503 over the server's cap, 429 over a caller's) and a wait. */
export interface SessionRefusal {
  readonly status: 429 | 503;
  readonly message: string;
  readonly retryAfterSeconds: number;
}

/** What a limit sees: every session and the admissions in progress. */
export interface SessionCensus {
  readonly sessions: readonly SessionRecord[];
  /** Sessions admitted but not yet initialised, by caller. */
  readonly pending: ReadonlyMap<string, number>;
  /** Seconds until the next idle session expires (the honest Retry-After). */
  retryAfterSeconds(): number;
}

/** A rule that may refuse a new session for a caller. */
export interface SessionLimit {
  check(census: SessionCensus, callerKey: string): SessionRefusal | undefined;
}

/** The server-wide cap: 503 once `max` sessions exist (counting admissions in progress). */
export function maxSessionsLimit(max: number): SessionLimit {
  return {
    check(census) {
      let pending = 0;
      for (const n of census.pending.values()) pending += n;
      if (census.sessions.length + pending < max) return undefined;
      return {
        status: 503,
        message: `Service unavailable: the server holds its maximum of ${max} sessions (server.maxSessions); retry later or close an unused session`,
        retryAfterSeconds: census.retryAfterSeconds(),
      };
    },
  };
}

/** One caller's cap: 429 once the caller holds `max` sessions (counting its admissions in progress). */
export function callerSessionsLimit(max: number): SessionLimit {
  return {
    check(census, callerKey) {
      let held = census.pending.get(callerKey) ?? 0;
      for (const session of census.sessions) if (session.callerKey === callerKey) held++;
      if (held < max) return undefined;
      return {
        status: 429,
        message: `Too many sessions: you hold your maximum of ${max} open sessions (maxSessionsPerCaller); close one you no longer use (HTTP DELETE) or retry later`,
        retryAfterSeconds: census.retryAfterSeconds(),
      };
    },
  };
}

export interface Admission<S extends SessionResources> {
  /** The session was initialised: it enters the table. */
  commit(id: string, session: S): void;
  /** The session never started (initialisation failed or the client left). */
  cancel(): void;
}

export interface SessionTableOptions {
  readonly idleMs: number;
  /** A session is closed this long after it was opened, however busy (default: never). */
  readonly maxAgeMs?: number | undefined;
  readonly limits: readonly SessionLimit[];
  /** Called after a session was released by the table: idle, too old, or its caller's access changed. */
  readonly onEnd?: (info: SessionRecord, why: SessionEnd) => void;
  readonly now?: () => number;
}

/** What `begin` found: the session to serve, or why there is none for this request. */
export type SessionLookup<S> =
  | { readonly ok: true; readonly session: S; done(): void }
  /** No such session (never was, closed, expired): the client initializes a new one. */
  | { readonly ok: false; readonly reason: 'missing' }
  /** The session belongs to another caller. */
  | { readonly ok: false; readonly reason: 'other-caller' }
  /** The same caller now holds another grant (another profile, a rotated token): the session was ended. */
  | { readonly ok: false; readonly reason: 'access-changed'; readonly was?: string | undefined };

interface Entry<S> extends SessionRecord {
  lastActive: number;
  inFlight: number;
  readonly binding: SessionBinding | undefined;
  readonly session: S;
}

/** Sessions of type `S` (whatever serves them, with a `close()` that releases it), by session id. */
export class SessionTable<S extends SessionResources> {
  private readonly entries = new Map<string, Entry<S>>();
  private readonly pending = new Map<string, number>();
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: SessionTableOptions) {
    this.now = options.now ?? Date.now;
    // Sweeps often enough that a session outlives its idle time (or lifetime) by at most half of it (never held
    // open by the timer).
    const shortest = Math.min(options.idleMs, options.maxAgeMs ?? options.idleMs);
    this.timer = setInterval(() => void this.sweep(), Math.min(Math.max(shortest / 2, 250), 60_000));
    this.timer.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Admits a new session for `callerKey`, or says why not: the table's limits, then `extra` (this caller's own).
   * Expired sessions are released first.
   */
  async admit(
    callerKey: string,
    extra: readonly SessionLimit[] = [],
    binding?: SessionBinding,
  ): Promise<Admission<S> | SessionRefusal> {
    await this.sweep();
    const census: SessionCensus = {
      sessions: [...this.entries.values()],
      pending: this.pending,
      retryAfterSeconds: () => this.retryAfterSeconds(),
    };
    for (const limit of [...this.options.limits, ...extra]) {
      const refusal = limit.check(census, callerKey);
      if (refusal) return refusal;
    }
    this.pending.set(callerKey, (this.pending.get(callerKey) ?? 0) + 1);
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      const left = (this.pending.get(callerKey) ?? 1) - 1;
      if (left > 0) this.pending.set(callerKey, left);
      else this.pending.delete(callerKey);
    };
    return {
      commit: (id, session) => {
        settle();
        const now = this.now();
        this.entries.set(id, { id, callerKey, created: now, lastActive: now, inFlight: 0, binding, session });
      },
      cancel: settle,
    };
  }

  /**
   * The session, if it exists and may serve this request; its idle time starts over. A request that
   * `holdsSession` keeps it from expiring until `done`. The standalone SSE stream (GET) does not: a client that
   * went away without closing it (or sits idle behind it) would otherwise keep its session for ever. With `who`, a
   * session opened by another caller is refused (an identified caller cannot use a session id it learnt from
   * someone else), and so is one whose caller now holds another grant: that session is ended, never served with
   * what its caller no longer has.
   */
  begin(id: string, holdsSession: boolean, who?: SessionBinding): SessionLookup<S> {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, reason: 'missing' };
    if (who !== undefined && entry.callerKey !== who.key) return { ok: false, reason: 'other-caller' };
    const now = this.now();
    if (this.expired(entry, now) || this.tooOld(entry, now)) {
      // Expired but not yet swept: it is gone all the same (an old one with a call running ends after it).
      if (entry.inFlight === 0) void this.end(entry, this.tooOld(entry, now) ? 'max-age' : 'idle');
      return { ok: false, reason: 'missing' };
    }
    if (who !== undefined && entry.binding !== undefined && entry.binding.grant !== who.grant) {
      void this.end(entry, 'access-changed');
      return { ok: false, reason: 'access-changed', was: entry.binding.profile };
    }
    if (holdsSession) entry.inFlight++;
    entry.lastActive = now;
    let finished = false;
    return {
      ok: true,
      session: entry.session,
      done: () => {
        if (finished) return;
        finished = true;
        if (holdsSession) entry.inFlight--;
        entry.lastActive = this.now();
        if (
          entry.inFlight === 0 &&
          this.tooOld(entry, entry.lastActive) &&
          this.entries.get(entry.id) === entry
        ) {
          void this.end(entry, 'max-age');
        }
      },
    };
  }

  /**
   * Ends every session whose caller would now get another grant (a reload changed its profile, or rotated or
   * removed its static token). Returns how many were ended.
   */
  recheck(): number {
    let ended = 0;
    for (const entry of [...this.entries.values()]) {
      const regrant = entry.binding?.regrant;
      if (regrant === undefined || regrant() === entry.binding?.grant) continue;
      void this.end(entry, 'access-changed');
      ended++;
    }
    return ended;
  }

  /** Forgets a session that ended on its own (DELETE, transport closed); its resources are already closing. */
  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Releases every session idle for `idleMs` or longer, and every one older than `maxAgeMs` with no call running. */
  async sweep(): Promise<void> {
    const now = this.now();
    const ending: Promise<void>[] = [];
    for (const entry of [...this.entries.values()]) {
      if (entry.inFlight > 0) continue;
      if (this.tooOld(entry, now)) ending.push(this.end(entry, 'max-age'));
      else if (this.expired(entry, now)) ending.push(this.end(entry, 'idle'));
    }
    await Promise.all(ending);
  }

  private expired(entry: Entry<S>, now: number): boolean {
    return entry.inFlight === 0 && now - entry.lastActive >= this.options.idleMs;
  }

  private tooOld(entry: Entry<S>, now: number): boolean {
    const { maxAgeMs } = this.options;
    return maxAgeMs !== undefined && now - entry.created >= maxAgeMs;
  }

  /** Takes the session out of the table at once (its id is no longer found), then closes it. */
  private async end(entry: Entry<S>, why: SessionEnd): Promise<void> {
    this.entries.delete(entry.id);
    await entry.session.close().catch(() => {});
    this.options.onEnd?.(entry, why);
  }

  /** Releases every session and stops the sweep timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const entry of all) await entry.session.close().catch(() => {});
  }

  private retryAfterSeconds(): number {
    const now = this.now();
    const { idleMs, maxAgeMs } = this.options;
    let soonest = idleMs;
    for (const entry of this.entries.values()) {
      if (maxAgeMs !== undefined) soonest = Math.min(soonest, entry.created + maxAgeMs - now);
      if (entry.inFlight === 0) soonest = Math.min(soonest, entry.lastActive + idleMs - now);
    }
    return Math.max(1, Math.ceil(soonest / 1000));
  }
}
