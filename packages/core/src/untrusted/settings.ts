import { type HostConfig, UNTRUSTED_DEFAULTS } from '../config/schema.js';

/** `policy.untrusted`: which protections apply to data from Panther. */
export type UntrustedPolicy = HostConfig['policy']['untrusted'];

/** The policy as a call sees it, with the names of the tools served (which the detector looks for). */
export interface UntrustedSettings extends UntrustedPolicy {
  readonly toolNames: readonly string[];
}

/** The settings of a call that carries none (a call made outside a toolset): the defaults. */
export const DEFAULT_UNTRUSTED_SETTINGS: UntrustedSettings = Object.freeze({
  ...UNTRUSTED_DEFAULTS,
  toolNames: [],
});
