declare const valueType: unique symbol;

/**
 * A typed slot of per-call data: one hook writes it, hooks outside (or inside) read it. Made once, at module
 * level, by the hook that owns it (`callKey<string>('audit.id')`); two keys with the same name are different slots.
 */
export interface CallKey<T> {
  readonly name: string;
  /** Carries the value's type only. */
  readonly [valueType]?: T;
}

export function callKey<T>(name: string): CallKey<T> {
  return Object.freeze({ name }) as CallKey<T>;
}

/** What hooks leave on one call for each other, by typed key. Shared by every copy of the call a hook passes on. */
export interface CallData {
  get<T>(key: CallKey<T>): T | undefined;
  set<T>(key: CallKey<T>, value: T): void;
}

export function createCallData(): CallData {
  const values = new Map<CallKey<unknown>, unknown>();
  return {
    get: <T>(key: CallKey<T>) => values.get(key) as T | undefined,
    set(key, value) {
      values.set(key, value);
    },
  };
}
