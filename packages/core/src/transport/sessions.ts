/**
 * The table of streamable-HTTP sessions: a cap on how many exist and an idle expiry that releases abandoned ones.
 * Each session records the caller it belongs to (`callerKey`), and admission runs a list of limits, so a
 * per-caller cap is one more `SessionLimit` and not a change to the table.
 */

/** What a session holds that must be released when it ends. */
export interface SessionResources {
  close(): Promise<void>;
}

export interface SessionRecord {
  readonly id: string;
  readonly callerKey: string;
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
  readonly limits: readonly SessionLimit[];
  /** Called after an idle session was released. */
  readonly onExpire?: (info: SessionRecord) => void;
  readonly now?: () => number;
}

interface Entry<S> extends SessionRecord {
  lastActive: number;
  inFlight: number;
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
    // Sweeps often enough that a session outlives its idle time by at most half of it (never held open by the timer).
    this.timer = setInterval(() => void this.sweep(), Math.min(Math.max(options.idleMs / 2, 250), 60_000));
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
        this.entries.set(id, { id, callerKey, lastActive: this.now(), inFlight: 0, session });
      },
      cancel: settle,
    };
  }

  /**
   * The session, if it exists; its idle time starts over. A request that `holdsSession` keeps it from expiring
   * until `done`. The standalone SSE stream (GET) does not: a client that went away without closing it (or
   * sits idle behind it) would otherwise keep its session for ever. With `callerKey`, a session opened by another
   * caller is not found: an identified caller cannot use a session id it learnt from someone else.
   */
  begin(id: string, holdsSession: boolean, callerKey?: string): { session: S; done(): void } | undefined {
    const entry = this.entries.get(id);
    if (!entry || (callerKey !== undefined && entry.callerKey !== callerKey)) return undefined;
    if (this.expired(entry, this.now())) {
      // Expired but not yet swept: it is gone all the same.
      this.entries.delete(id);
      void this.release(entry);
      return undefined;
    }
    if (holdsSession) entry.inFlight++;
    entry.lastActive = this.now();
    let finished = false;
    return {
      session: entry.session,
      done: () => {
        if (finished) return;
        finished = true;
        if (holdsSession) entry.inFlight--;
        entry.lastActive = this.now();
      },
    };
  }

  /** Forgets a session that ended on its own (DELETE, transport closed); its resources are already closing. */
  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Releases every session idle for `idleMs` or longer. */
  async sweep(): Promise<void> {
    const now = this.now();
    const expired = [...this.entries.values()].filter((entry) => this.expired(entry, now));
    for (const entry of expired) {
      this.entries.delete(entry.id);
      await this.release(entry);
    }
  }

  private expired(entry: Entry<S>, now: number): boolean {
    return entry.inFlight === 0 && now - entry.lastActive >= this.options.idleMs;
  }

  private async release(entry: Entry<S>): Promise<void> {
    await entry.session.close().catch(() => {});
    this.options.onExpire?.(entry);
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
    let soonest = this.options.idleMs;
    for (const entry of this.entries.values()) {
      if (entry.inFlight === 0) soonest = Math.min(soonest, entry.lastActive + this.options.idleMs - now);
    }
    return Math.max(1, Math.ceil(soonest / 1000));
  }
}
