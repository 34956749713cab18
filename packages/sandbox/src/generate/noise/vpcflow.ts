/** VPC flow background traffic: web, database, DNS and SSH flows, and internet scanning noise. */
import { dimSql, stringList } from '../sqlLists.js';
import { AWS_ACCOUNTS, INTERNAL_HOSTS, PEOPLE } from '../world.js';
import { join, q, standardTail } from './common.js';

export function vpcFlowNoiseSql(n: number): string[] {
  const web = INTERNAL_HOSTS.slice(0, 6);
  const app = INTERNAL_HOSTS.slice(6, 14);
  const db = INTERNAL_HOSTS.slice(14, 18);
  const externals = [
    ...PEOPLE.flatMap((p) => p.ips),
    ...Array.from({ length: 40 }, (_, i) => `198.51.100.${180 + i}`),
  ];
  const kinds: (readonly [string, number])[] = [
    ['egress_https', 35],
    ['ingress_https', 25],
    ['internal_db', 15],
    ['dns', 15],
    ['ssh_internal', 3],
    ['ingress_ssh', 2],
    ['background_scan', 5],
  ];
  const kindDim = dimSql(
    'sbx_vf_kind',
    kinds.map(([kind, w]) => [{ kind }, w] as const),
  );
  const extDim = dimSql(
    'sbx_vf_ext',
    externals.map((ext) => [{ ext }, 1] as const),
  );
  const insert = `INSERT INTO panther_logs.public.aws_vpcflow BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'vf.t') AS ts, k.kind, x.ext,
    pick(${stringList(web)}, i, 'vf.web') AS web, pick(${stringList(app)}, i, 'vf.app') AS app,
    pick(${stringList(db)}, i, 'vf.db') AS db,
    32768 + rint(i, 'vf.eph', 28000) AS eph, hexid(i, 'vf.row') AS row_id
  FROM range(${n}) t(i)
  ${join('sbx_vf_kind', 'k', 'vf.k', kindDim.size)}
  ${join('sbx_vf_ext', 'x', 'vf.ext', extDim.size)}
), f AS (
  SELECT *,
    CASE kind WHEN 'egress_https' THEN app WHEN 'ingress_https' THEN ext WHEN 'internal_db' THEN app
      WHEN 'dns' THEN app WHEN 'ssh_internal' THEN '10.0.1.5' ELSE ext END AS src,
    CASE kind WHEN 'egress_https' THEN ext WHEN 'ingress_https' THEN web WHEN 'internal_db' THEN db
      WHEN 'dns' THEN '10.0.0.2' WHEN 'ssh_internal' THEN app ELSE web END AS dst,
    CASE kind WHEN 'internal_db' THEN 5432 WHEN 'dns' THEN 53 WHEN 'ssh_internal' THEN 22 WHEN 'ingress_ssh' THEN 22
      WHEN 'background_scan' THEN pick([23, 445, 3389, 8080, 6379, 9200], i, 'vf.scan') ELSE 443 END AS dport,
    CASE WHEN kind IN ('ingress_ssh', 'background_scan') THEN 'REJECT'
      WHEN rnd(i, 'vf.rej') < 0.01 THEN 'REJECT' ELSE 'ACCEPT' END AS act
  FROM b
)
SELECT 2 AS version, ${q(AWS_ACCOUNTS.prod)} AS accountId, 'eni-0' || substr(md5(dst), 1, 16) AS interfaceId,
  src AS srcAddr, dst AS dstAddr, eph::INTEGER AS srcPort, dport::INTEGER AS dstPort,
  CASE WHEN kind = 'dns' THEN 17 ELSE 6 END AS protocol,
  CASE WHEN act = 'REJECT' THEN 1 ELSE 2 + rint(i, 'vf.pk', 400) END AS packets,
  CASE WHEN act = 'REJECT' THEN 40 + rint(i, 'vf.rb', 20) ELSE 120 + rint(i, 'vf.by', 250000) END AS bytes,
  ts AS start, ts + INTERVAL 60 SECOND AS "end", act AS action, 'OK' AS logStatus,
  'vpc-0a1b2c3d4e5f60718' AS vpcId,
  CASE WHEN dst LIKE '10.%' THEN 'i-0' || substr(md5(dst), 1, 16) ELSE 'i-0' || substr(md5(src), 1, 16) END AS instanceId,
  CASE WHEN src LIKE '10.%' THEN 'egress' ELSE 'ingress' END AS flowDirection,
  ${standardTail('AWS.VPCFlow', 'row_id', 'ts')},
  [src, dst] AS p_any_ip_addresses, [${q(AWS_ACCOUNTS.prod)}] AS p_any_aws_account_ids,
  [CASE WHEN dst LIKE '10.%' THEN 'i-0' || substr(md5(dst), 1, 16) ELSE 'i-0' || substr(md5(src), 1, 16) END] AS p_any_aws_instance_ids
FROM f`;
  return [kindDim.sql, extDim.sql, insert];
}

/** The statements that generate `n` rows of a log table. */
