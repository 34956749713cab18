/** GitHub audit log background activity: git operations, pull requests and rare organisation changes. */
import { dimSql, stringList } from '../sqlLists.js';
import { GITHUB_ORG, GITHUB_REPOS, PEOPLE } from '../world.js';
import { githubActorId, join, q, standardTail } from './common.js';

const GITHUB_COMMON: (readonly [string, number])[] = [
  ['git.clone', 25],
  ['git.fetch', 20],
  ['git.push', 15],
  ['pull_request.create', 8],
  ['pull_request.merge', 6],
  ['pull_request_review.submit', 6],
  ['workflows.completed_workflow_run', 10],
  ['repo.download_zip', 1],
  ['team.add_member', 1],
];

const GITHUB_RARE = [
  'repo.create',
  'repo.access',
  'protected_branch.policy_override',
  'org.add_member',
  'org.remove_member',
  'hook.create',
  'integration_installation.create',
  'personal_access_token.request_created',
  'repo.transfer_outgoing',
];

function githubPeopleByIp(): (readonly [Record<string, unknown>, number])[] {
  return PEOPLE.flatMap((p) =>
    p.ips.map(
      (ip) =>
        [
          {
            login: p.githubLogin,
            gid: githubActorId(p.githubLogin),
            ip,
            location: { country_code: p.country },
          },
          1,
        ] as const,
    ),
  );
}

export function githubNoiseSql(n: number): string[] {
  const people = dimSql('sbx_gh_p', githubPeopleByIp());
  const actions = dimSql(
    'sbx_gh_ev',
    GITHUB_COMMON.map(([act, w]) => [{ act }, w] as const),
  );
  const logins = stringList(PEOPLE.map((p) => p.githubLogin));
  const insert = `INSERT INTO panther_logs.public.github_audit BY NAME
WITH b AS (
  SELECT i, age_ts(i, 'gh.t') AS ts, p.login, p.gid, p.ip, p.location, pick(${logins}, i, 'gh.u') AS target,
    CASE WHEN rnd(i, 'gh.rare') < 0.003 THEN pick(${stringList(GITHUB_RARE)}, i, 'gh.re') ELSE e.act END AS act,
    pick(${stringList(GITHUB_REPOS)}, i, 'gh.repo') AS repo, hexid(i, 'gh.row') AS row_id
  FROM range(${n}) t(i)
  ${join('sbx_gh_p', 'p', 'gh.p', people.size)}
  ${join('sbx_gh_ev', 'e', 'gh.ev', actions.size)}
)
SELECT act AS action, login AS actor, gid AS actor_id, ip AS actor_ip, location AS actor_location,
  ts AS created_at, ${q(GITHUB_ORG)} AS org,
  CASE WHEN act NOT LIKE 'org.%' AND act NOT LIKE 'team.%' THEN ${q(`${GITHUB_ORG}/`)} || repo END AS repo,
  CASE WHEN act IN ('org.add_member', 'org.remove_member', 'team.add_member') THEN target END AS "user",
  CASE WHEN act = 'team.add_member' THEN ${q(`${GITHUB_ORG}/`)} || pick(['platform', 'security', 'mobile', 'data'], i, 'gh.team') END AS team,
  CASE WHEN act IN ('repo.access', 'repo.create') THEN 'private' END AS visibility,
  CASE WHEN act = 'repo.access' THEN 'internal' END AS previous_visibility,
  CASE WHEN act LIKE 'git.%' OR act = 'repo.download_zip' THEN 'access'
       WHEN act LIKE '%.create' OR act LIKE '%add_member' THEN 'create'
       WHEN act LIKE '%remove%' THEN 'remove' ELSE 'modify' END AS operation_type,
  CASE WHEN act LIKE 'git.%' THEN pick(['http', 'ssh'], i, 'gh.proto') END AS transport_protocol_name,
  CASE WHEN act LIKE 'git.%' THEN 'OAuth access token' END AS programmatic_access_type,
  ${standardTail('GitHub.Audit', 'row_id', 'ts')},
  [ip] AS p_any_ip_addresses,
  CASE WHEN act IN ('org.add_member', 'org.remove_member', 'team.add_member') THEN [login, target] ELSE [login] END AS p_any_usernames
FROM b`;
  return [people.sql, actions.sql, insert];
}
