/** Builders for single lake rows (stories and reference data), with the standard p_ columns filled in. */
import { md5Hex } from './random.js';
import { sourceFor } from './world.js';

export type LakeRow = Record<string, unknown>;

export interface RowFactory {
  /** A row of `logType` at `ts` with the standard columns; `fields` are the log's own columns. */
  row(logType: string, ts: Date, fields: LakeRow, indicators: Partial<Indicators>): LakeRow;
}

export interface Indicators {
  p_any_ip_addresses: string[];
  p_any_emails: string[];
  p_any_usernames: string[];
  p_any_aws_account_ids: string[];
  p_any_aws_arns: string[];
  p_any_aws_instance_ids: string[];
  p_any_trace_ids: string[];
  p_any_actor_ids: string[];
  p_any_domain_names: string[];
}

export function createRowFactory(seed: number, namespace: string): RowFactory {
  let counter = 0;
  return {
    row(logType, ts, fields, indicators) {
      const source = sourceFor(logType);
      counter++;
      return {
        ...fields,
        p_log_type: logType,
        p_row_id: md5Hex(seed, namespace, counter),
        p_event_time: ts,
        p_parse_time: new Date(ts.getTime() + 1000 + (counter % 90) * 1000),
        p_schema_version: 0,
        p_source_id: source.id,
        p_source_label: source.label,
        ...indicators,
      };
    },
  };
}
