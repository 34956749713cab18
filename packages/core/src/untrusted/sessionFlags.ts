/**
 * Which sessions have been shown a flagged value, and the first one they were shown: after that, every write of
 * the session is confirmed by the person (or refused, in lockdown). Kept in memory for the most recent sessions;
 * a session id is never reused, so forgetting the oldest only forgets closed sessions in practice.
 */
import type { Caller } from '../types.js';
import type { InjectionSign } from './detectInjection.js';

/** A flagged value a session was shown. */
export interface SessionFlag {
  /** The tool whose result held it. */
  readonly tool: string;
  /** Where in the result (`$.comments[2].body`). */
  readonly path: string;
  readonly signs: readonly InjectionSign[];
}

export interface SessionFlags {
  /** Remembers that `session` was shown `flag` (the first one is kept, and how many followed). */
  note(session: string, flag: SessionFlag): void;
  /** The first flagged value `session` was shown, and how many it was shown in all; undefined when none. */
  get(session: string): { readonly first: SessionFlag; readonly count: number } | undefined;
}

/** How many sessions are remembered (the sessions cap is far lower). */
export const MAX_FLAGGED_SESSIONS = 10_000;

export function createSessionFlags(max = MAX_FLAGGED_SESSIONS): SessionFlags {
  const sessions = new Map<string, { first: SessionFlag; count: number }>();
  return {
    note(session, flag) {
      const known = sessions.get(session);
      if (known) {
        known.count++;
        return;
      }
      if (sessions.size >= max) sessions.delete(sessions.keys().next().value!);
      sessions.set(session, { first: flag, count: 1 });
    },
    get: (session) => sessions.get(session),
  };
}

/**
 * The key of a call's session: its MCP session id; without one (stdio, stateless HTTP), its caller (by credential
 * kind and stable id: display names collide), else the process (every call of a stdio server is one session).
 */
export function sessionKey(
  sessionId: string | undefined,
  caller: Pick<Caller, 'id' | 'credential'> | undefined,
): string {
  if (sessionId !== undefined) return `session:${sessionId}`;
  return caller === undefined ? 'process' : `caller:${caller.credential}:${caller.id}`;
}
