import type { InjectOptions } from 'fastify';
import { ACTIVITY_MATRIX } from './activity.authz.matrix';
import { BULLETIN_MATRIX } from './bulletin.authz.matrix';
import { CADRE_MATRIX } from './cadre.authz.matrix';
import { CAMPAIGN_MATRIX } from './campaign.authz.matrix';
import { CONTEST_MATRIX } from './contest.authz.matrix';
import { COURTYARD_MATRIX } from './courtyard.authz.matrix';
import { CREATION_FILE_MATRIX } from './creationFile.authz.matrix';
import { DASHBOARD_MATRIX } from './dashboard.authz.matrix';
import type { TestEnv } from './harness';
import { INBOX_MATRIX } from './inbox.authz.matrix';
import { PROBLEM_MATRIX } from './problem.authz.matrix';
import { PUBLICATION_MATRIX } from './publication.authz.matrix';
import { RATING_MATRIX } from './rating.authz.matrix';
import { SUPERVISION_MATRIX } from './supervision.authz.matrix';
import { TASK_MATRIX } from './task.authz.matrix';
import { WARNING_MATRIX } from './warning.authz.matrix';

/** Every actor the matrix tries: the public and one demo login per role. */
export const ACTORS = [
  'anonymous',
  'village_user',
  'street_admin',
  'inspector',
  'judge',
  'district_admin',
] as const;
export type MatrixActor = (typeof ACTORS)[number];

/** Demo logins: village → 何庄村 (RML-HZ, 人民路街道); street → 龙兴街道 (LX); inspector assigned LX. */
export const LOGIN: Record<Exclude<MatrixActor, 'anonymous'>, string> = {
  village_user: 'village',
  street_admin: 'street',
  inspector: 'inspector',
  judge: 'judge',
  district_admin: 'admin',
};

/** Where a request points: inside the actor's part of the tree, or outside it. */
export type Scope = 'in' | 'out';

/** The expected status per actor, one number for both scopes or one per scope. */
export type Expect = Record<MatrixActor, number | { in: number; out: number }>;

export interface MatrixRow {
  method: string;
  /** The route pattern exactly as registered. */
  url: string;
  /** Builds the request for an actor and a scope; ids come from the fixture. */
  request: (f: MatrixFixture, actor: MatrixActor, scope: Scope) => Promise<InjectOptions> | InjectOptions;
  expect: Expect;
  /** A route that ends the caller's session needs a fresh login for every case. */
  freshLogin?: boolean;
}

/** Units and users the matrix points at, created once per database. */
export interface MatrixFixture {
  env: TestEnv;
  unitId(code: string): Promise<string>;
  userId(username: string): Promise<string>;
  /** A unit code that is inside (in) or outside (out) the actor's scope. */
  unitFor(actor: MatrixActor, scope: Scope): string;
  /** A household inside or outside the actor's scope (for writes village users may make). */
  householdFor(actor: MatrixActor, scope: Scope): string;
  /** A counter so each create gets a fresh code. */
  next(): number;
}

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const loggedIn = (n: number): Expect => ({ ...all(n), anonymous: 401 });
const adminOnly = (ok: number): Expect => ({ ...all(403), anonymous: 401, district_admin: ok });

/** The authorisation matrix of every route. A route missing here fails the suite. */
export const MATRIX: MatrixRow[] = [
  { method: 'GET', url: '/api/meta', request: () => ({ method: 'GET', url: '/api/meta' }), expect: all(200) },
  {
    method: 'POST',
    url: '/api/auth/login',
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `nobody-${f.next()}`, password: 'wrong-pass' },
    }),
    expect: all(401),
  },
  {
    method: 'POST',
    url: '/api/auth/logout',
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: loggedIn(200),
    freshLogin: true,
  },
  {
    method: 'GET',
    url: '/api/auth/me',
    request: () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: loggedIn(200),
  },
  {
    method: 'POST',
    url: '/api/auth/password',
    // A wrong current password: logged-in actors pass authorisation and get the field error.
    request: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not-my-password', newPassword: 'another-password' },
    }),
    expect: loggedIn(400),
  },
  {
    method: 'GET',
    url: '/api/units',
    request: () => ({ method: 'GET', url: '/api/units' }),
    expect: { ...loggedIn(200), judge: 403 },
  },
  {
    method: 'GET',
    url: '/api/units/export',
    request: () => ({ method: 'GET', url: '/api/units/export?format=json' }),
    expect: { ...loggedIn(200), judge: 403 },
  },
  {
    method: 'POST',
    url: '/api/units/import',
    request: (f) => {
      const csv = `编码,名称,类型,上级编码\r\nMX-${f.next()},矩阵村,村,LX\r\n`;
      const boundary = 'matrixboundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return {
        method: 'POST',
        url: '/api/units/import',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    },
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/units/:id',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/units/${await f.unitId(f.unitFor(actor, scope))}`,
    }),
    expect: {
      anonymous: 401,
      village_user: { in: 200, out: 403 },
      street_admin: { in: 200, out: 403 },
      inspector: { in: 200, out: 403 },
      judge: 403,
      district_admin: 200,
    },
  },
  {
    method: 'POST',
    url: '/api/units',
    // Street admins add villages to their street; village users add households to their village.
    request: (f, actor, scope) => ({
      method: 'POST',
      url: '/api/units',
      payload:
        actor === 'village_user'
          ? {
              code: `MXH-${f.next()}`,
              name: '新户',
              type: 'household',
              parentCode: scope === 'in' ? 'RML-HZ' : 'LX-LX',
            }
          : {
              code: `MXV-${f.next()}`,
              name: '新村',
              type: 'village',
              parentCode: scope === 'in' ? 'LX' : 'RML',
            },
    }),
    expect: {
      anonymous: 401,
      village_user: { in: 200, out: 403 },
      street_admin: { in: 200, out: 403 },
      inspector: 403,
      judge: 403,
      district_admin: 200,
    },
  },
  {
    method: 'PATCH',
    url: '/api/units/:id',
    request: async (f, actor, scope) => ({
      method: 'PATCH',
      url: `/api/units/${await f.unitId(f.householdFor(actor, scope))}`,
      payload: { name: `改名${f.next()}` },
    }),
    expect: {
      anonymous: 401,
      village_user: { in: 200, out: 403 },
      street_admin: { in: 200, out: 403 },
      inspector: 403,
      judge: 403,
      district_admin: 200,
    },
  },
  {
    method: 'POST',
    url: '/api/units/:id/move',
    // Moves a household between two villages of the same street (in), or one of another street (out).
    request: async (f, _actor, scope) => ({
      method: 'POST',
      url: `/api/units/${await f.unitId(scope === 'in' ? 'AZ-LX-H' : 'AZ-RML-H2')}/move`,
      payload: { parentCode: scope === 'in' ? (f.next() % 2 ? 'LX-SZ' : 'LX-LX') : 'RML-BD' },
    }),
    expect: {
      anonymous: 401,
      village_user: 403,
      street_admin: { in: 200, out: 403 },
      inspector: 403,
      judge: 403,
      district_admin: 200,
    },
  },
  {
    method: 'GET',
    url: '/api/contest-groups',
    request: () => ({ method: 'GET', url: '/api/contest-groups' }),
    expect: { ...adminOnly(200), judge: 200 },
  },
  {
    method: 'GET',
    url: '/api/users',
    request: () => ({ method: 'GET', url: '/api/users' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/users',
    request: (f) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `mx-user-${f.next()}`,
        displayName: '矩阵用户',
        role: 'judge',
        password: 'matrix-password',
      },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'PATCH',
    url: '/api/users/:id',
    request: async (f) => ({
      method: 'PATCH',
      url: `/api/users/${await f.userId('az-target')}`,
      payload: { displayName: `目标${f.next()}` },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/users/:id/reset-password',
    request: async (f) => ({
      method: 'POST',
      url: `/api/users/${await f.userId('az-target')}/reset-password`,
      payload: { password: 'reset-password-1' },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/audit',
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/audit/verify',
    request: () => ({ method: 'GET', url: '/api/audit/verify' }),
    expect: adminOnly(200),
  },
  ...CAMPAIGN_MATRIX,
  ...SUPERVISION_MATRIX,
  ...PROBLEM_MATRIX,
  ...RATING_MATRIX,
  ...TASK_MATRIX,
  ...PUBLICATION_MATRIX,
  ...WARNING_MATRIX,
  ...INBOX_MATRIX,
  ...CONTEST_MATRIX,
  ...COURTYARD_MATRIX,
  ...DASHBOARD_MATRIX,
  ...BULLETIN_MATRIX,
  ...CREATION_FILE_MATRIX,
  ...CADRE_MATRIX,
  ...ACTIVITY_MATRIX,
];

/** Routes that are documentation, public by design (OpenAPI and its UI). */
export function isDocsRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}
