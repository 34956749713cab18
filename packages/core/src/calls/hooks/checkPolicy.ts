import type { CallHook } from '../types.js';

/**
 * A second look at the policy at call time (tools the policy hides are not registered at all): a write tool never
 * runs in read-only mode, whatever registered it.
 */
export function checkPolicyHook(): CallHook {
  return {
    name: 'check-policy',
    phase: 'guard',
    async around(call, next) {
      if (call.tool.access === 'write' && call.mode === 'read-only') {
        return {
          ok: false,
          code: 'UNKNOWN_TOOL',
          text: `MCP error -32602: Tool ${call.tool.name} not found`,
        };
      }
      return next();
    },
  };
}
