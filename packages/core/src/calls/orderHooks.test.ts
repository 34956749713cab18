import { describe, expect, it } from 'vitest';
import { createCallData } from './callData.js';
import { composeHooks } from './composeHooks.js';
import { orderHooks } from './orderHooks.js';
import type { CallHook, CallPhase, ToolCall } from './types.js';

const hook = (name: string, phase: CallPhase, place: Partial<Pick<CallHook, 'before' | 'after'>> = {}) =>
  ({ name, phase, ...place, around: (call, next) => next(call) }) satisfies CallHook;
const names = (hooks: readonly CallHook[]) => hooks.map((h) => h.name);

describe('orderHooks', () => {
  it('orders by phase, outermost first, keeping the given order within a phase', () => {
    const ordered = orderHooks([
      hook('map-errors', 'invoke'),
      hook('parse-input', 'guard'),
      hook('metrics', 'observe'),
      hook('confirm-writes', 'guard'),
      hook('limit-output', 'output'),
      hook('audit-intent', 'send'),
      hook('audit-outcome', 'audit'),
      hook('trace', 'observe'),
    ]);
    expect(names(ordered)).toEqual([
      'metrics',
      'trace',
      'limit-output',
      'audit-outcome',
      'parse-input',
      'confirm-writes',
      'audit-intent',
      'map-errors',
    ]);
  });

  it('places a hook before (outside) or after (inside) a named hook of its phase, even one placed itself', () => {
    const ordered = orderHooks([
      hook('check-policy', 'guard'),
      hook('after-flag', 'guard', { after: 'ask-on-flag' }),
      hook('ask-on-flag', 'guard', { after: 'confirm-writes' }),
      hook('parse-input', 'guard'),
      hook('first', 'guard', { before: 'check-policy' }),
      hook('confirm-writes', 'guard'),
    ]);
    expect(names(ordered)).toEqual([
      'first',
      'check-policy',
      'parse-input',
      'confirm-writes',
      'ask-on-flag',
      'after-flag',
    ]);
  });

  it('refuses an unknown phase, a name used twice, and a place by a hook its phase lacks', () => {
    expect(() => orderHooks([hook('x', 'during' as CallPhase)])).toThrow(
      'call hook "x" has phase "during"; phases are observe, output, audit, guard, send, invoke',
    );
    expect(() => orderHooks([hook('x', 'guard'), hook('x', 'send')])).toThrow('two call hooks are named "x"');
    expect(() =>
      orderHooks([hook('audit-intent', 'send'), hook('x', 'guard', { before: 'audit-intent' })]),
    ).toThrow(
      'call hook "x" is to run before "audit-intent", which is not a hook of its phase "guard" (there: x)',
    );
  });
});

describe('composeHooks', () => {
  it('hands the call a hook passes to next() to the hooks inside it and the tool; data travels with it', async () => {
    const seen: string[] = [];
    const outer: CallHook = {
      name: 'outer',
      phase: 'output',
      async around(call, next) {
        const outcome = await next({ ...call, args: { rewritten: true } });
        seen.push(`outer still sees ${JSON.stringify(call.args)}`);
        return outcome;
      },
    };
    const inner: CallHook = {
      name: 'inner',
      phase: 'guard',
      async around(call, next) {
        seen.push(`inner sees ${JSON.stringify(call.args)}`);
        return next();
      },
    };
    const run = composeHooks([inner, outer], async (call) => ({ ok: true, value: { args: call.args } }));
    const call = { args: { original: true }, data: createCallData() } as unknown as ToolCall;
    expect(await run(call)).toEqual({ ok: true, value: { args: { rewritten: true } } });
    expect(seen).toEqual(['inner sees {"rewritten":true}', 'outer still sees {"original":true}']);
  });
});
