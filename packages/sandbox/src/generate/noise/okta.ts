/** Okta System Log background activity: logins, SSO, MFA and rare administrative events. */
import { dimSql, stringList } from '../sqlLists.js';
import { OKTA_APPS, PEOPLE } from '../world.js';
import { BROWSER, join, oktaActorId, q, standardTail, uuidOf } from './common.js';

const OKTA_COMMON: (readonly [string, number])[] = [
  ['user.session.start', 30],
  ['user.authentication.sso', 30],
  ['user.authentication.auth_via_mfa', 15],
  ['policy.evaluate_sign_on', 10],
  ['user.session.end', 8],
  ['app.oauth2.as.token.grant', 5],
  ['group.user_membership.add', 1],
];

const OKTA_RARE = [
  'user.account.privilege.grant',
  'user.mfa.factor.deactivate',
  'user.account.reset_password',
  'system.api_token.create',
  'user.lifecycle.create',
  'application.user_membership.add',
  'policy.lifecycle.update',
];

export const OKTA_MESSAGES: Record<string, string> = {
  'user.session.start': 'User login to Okta',
  'user.authentication.sso': 'User single sign on to app',
  'user.authentication.auth_via_mfa': 'Authentication of user via MFA',
  'policy.evaluate_sign_on': 'Evaluation of sign-on policy',
  'user.session.end': 'User logout from Okta',
  'app.oauth2.as.token.grant': 'OAuth2 access token is granted',
  'group.user_membership.add': 'Add user to group membership',
  'user.account.privilege.grant': 'Grant user privilege',
  'user.mfa.factor.deactivate': 'Reset factor for user',
  'user.account.reset_password': 'Fired when the user password is reset',
  'system.api_token.create': 'Create API token',
  'user.lifecycle.create': 'Create Okta user',
  'application.user_membership.add': 'Add user to application membership',
  'policy.lifecycle.update': 'Update policy',
  'user.account.lock': 'Max sign in attempts exceeded',
};

/** One row per (person, usual address): the actor, client and security context objects precomputed. */
function oktaPeopleByIp(): (readonly [Record<string, unknown>, number])[] {
  return PEOPLE.flatMap((p) =>
    p.ips.map((ip) => {
      const org = ip.startsWith('203.0.113.') ? 'Acme Corp' : 'Example Broadband';
      return [
        {
          id: oktaActorId(p.user),
          email: p.email,
          user: p.user,
          ip,
          actor: {
            id: oktaActorId(p.user),
            type: 'User',
            alternateId: p.email,
            displayName: `${p.given} ${p.family}`,
          },
          client: {
            ipAddress: ip,
            device: 'Computer',
            zone: 'null',
            userAgent: { rawUserAgent: BROWSER, os: 'Mac OS X', browser: 'CHROME' },
            geographicalContext: { city: p.city, country: p.country },
          },
          security: { asOrg: org, isProxy: false, domain: org === 'Acme Corp' ? 'acme.io' : 'example.net' },
        },
        1,
      ] as const;
    }),
  );
}

/** CASE expression mapping an Okta event type to its display message. */
export function oktaMessageSql(column: string): string {
  return `CASE ${column} ${Object.entries(OKTA_MESSAGES)
    .map(([k, v]) => `WHEN ${q(k)} THEN ${q(v)}`)
    .join(' ')} END`;
}

export function oktaNoiseSql(n: number): string[] {
  const people = dimSql('sbx_ok_p', oktaPeopleByIp());
  const common = dimSql(
    'sbx_ok_ev',
    OKTA_COMMON.map(([et, w]) => [{ et }, w] as const),
  );
  const insert = `INSERT INTO panther_logs.public.okta_systemlog BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'ok.t') AS ts, p.id, p.email, p."user", p.ip, p.actor, p.client, p.security,
    CASE WHEN rnd(i, 'ok.rare') < 0.003 THEN pick(${stringList(OKTA_RARE)}, i, 'ok.re') ELSE e.et END AS et,
    rnd(i, 'ok.fail') AS r_fail, pick(${stringList(OKTA_APPS)}, i, 'ok.app') AS app,
    hexid(i, 'ok.row') AS row_id, hexid(i, 'ok.uuid') AS h, 'Y' || substr(hexid(i, 'ok.tx'), 1, 22) AS tx
  FROM range(${n}) t(i)
  ${join('sbx_ok_p', 'p', 'ok.p', people.size)}
  ${join('sbx_ok_ev', 'e', 'ok.ev', common.size)}
), f AS (
  SELECT *,
    (et = 'user.session.start' AND r_fail < 0.03) OR (et = 'user.authentication.auth_via_mfa' AND r_fail < 0.02) AS failed
  FROM b
)
SELECT ${uuidOf('h')} AS uuid, ts AS published, et AS eventType, '0' AS version,
  CASE WHEN failed THEN 'WARN' ELSE 'INFO' END AS severity, ${oktaMessageSql('et')} AS displayMessage,
  CASE WHEN et = 'user.session.start' THEN 'core.user_auth.login_' || CASE WHEN failed THEN 'failed' ELSE 'success' END END AS legacyEventType,
  actor, client,
  CASE WHEN failed THEN '{"result":"FAILURE","reason":"INVALID_CREDENTIALS"}'::JSON
       ELSE '{"result":"SUCCESS","reason":null}'::JSON END AS outcome,
  CASE WHEN et IN ('user.authentication.sso', 'application.user_membership.add') THEN
      json_array(json_object('type', 'AppInstance', 'alternateId', app, 'displayName', app))
    WHEN et IN ('user.account.privilege.grant', 'user.mfa.factor.deactivate', 'user.account.reset_password',
      'user.lifecycle.create', 'group.user_membership.add') THEN json_array(actor)
    END AS target,
  json_object('type', 'WEB', 'id', tx) AS transaction,
  CASE WHEN et = 'user.session.start' THEN '{"debugData":{"requestUri":"/api/v1/authn","threatSuspected":"false"}}'::JSON
       ELSE '{"debugData":{"requestUri":"/app/sso","threatSuspected":"false"}}'::JSON END AS debugContext,
  json_object('authenticationStep', 0, 'externalSessionId', 'idx' || substr(row_id, 1, 20)) AS authenticationContext,
  security AS securityContext,
  ${standardTail('Okta.SystemLog', 'row_id', 'ts')},
  [ip] AS p_any_ip_addresses, [email] AS p_any_emails, ["user"] AS p_any_usernames,
  [tx] AS p_any_trace_ids, [id] AS p_any_actor_ids
FROM f`;
  return [people.sql, common.sql, insert];
}
