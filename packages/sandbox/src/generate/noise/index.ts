/**
 * Background activity, generated set-based in DuckDB from `range(n)` so that a million rows take seconds.
 * Rates are chosen so that the sandbox's detections rarely fire on noise: most alerts come from the stories.
 */
import { cloudTrailNoiseSql } from './cloudtrail.js';
import { githubNoiseSql } from './github.js';
import { oktaNoiseSql } from './okta.js';
import { vpcFlowNoiseSql } from './vpcflow.js';

export { githubActorId, oktaActorId } from './common.js';
export { OKTA_MESSAGES } from './okta.js';

export const NOISE_SHARES = {
  aws_cloudtrail: 0.45,
  aws_vpcflow: 0.25,
  okta_systemlog: 0.18,
  github_audit: 0.12,
};

export type NoiseTable = keyof typeof NOISE_SHARES;
export function noiseSql(table: NoiseTable, n: number): string[] {
  switch (table) {
    case 'aws_cloudtrail':
      return cloudTrailNoiseSql(n);
    case 'okta_systemlog':
      return oktaNoiseSql(n);
    case 'github_audit':
      return githubNoiseSql(n);
    case 'aws_vpcflow':
      return vpcFlowNoiseSql(n);
  }
}
