import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { makeBigScreenLink } from '../src/services/dashboard.service';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of the dashboards and the big screen (spread into MATRIX), on the demo.
 * `in`/`out`: the street dashboard of 龙兴街道 (LX, the street admin's) or of 人民路街道 (RML); the village view of
 * the actor's village (何庄村 for the village user, 龙兴村 for the street admin) or another; the big screen with
 * the current link's token (made by the system just before the request) or a random one.
 */

const STREET: Record<Scope, string> = { in: 'LX', out: 'RML' };

const all = (n: number | { in: number; out: number }): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});

/** District admins any street; street admins their own; nobody else. */
const dashboardReading: Expect = {
  ...all(403),
  anonymous: 401,
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};
/** A village's own users, its street admin, district admins. */
const villageReading: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};
const adminOnly: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** Anyone with the current token; 404 for another. */
const screenReading: Expect = all({ in: 200, out: 404 });

/** The current big-screen token (a new link, made by the system) or a token no link has. */
async function screenToken(f: MatrixFixture, scope: Scope): Promise<string> {
  if (scope === 'out') return randomBytes(24).toString('base64url');
  const link = await makeBigScreenLink(f.env.system());
  return link.token ?? '';
}

const get = (url: string): InjectOptions => ({ method: 'GET', url });

export const DASHBOARD_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/dashboard',
    request: (_f, _actor: MatrixActor, scope) =>
      get(`/api/dashboard?campaign=WX2023&street=${STREET[scope]}`),
    expect: dashboardReading,
  },
  {
    method: 'GET',
    url: '/api/dashboard/village',
    request: (f, actor, scope) =>
      get(`/api/dashboard/village?campaign=WX2023&unit=${f.unitFor(actor, scope)}`),
    expect: villageReading,
  },
  {
    method: 'GET',
    url: '/api/dashboard/screen-link',
    request: () => get('/api/dashboard/screen-link'),
    expect: adminOnly,
  },
  {
    method: 'POST',
    url: '/api/dashboard/screen-link',
    request: () => ({ method: 'POST', url: '/api/dashboard/screen-link' }),
    expect: adminOnly,
  },
  {
    method: 'GET',
    url: '/api/bigscreen/:token',
    request: async (f, _actor, scope) => get(`/api/bigscreen/${await screenToken(f, scope)}?campaign=WX2023`),
    expect: screenReading,
  },
  {
    method: 'GET',
    url: '/api/bigscreen/:token/events',
    // An allowed stream never ends by itself: the answer comes back once the status and headers are written.
    request: async (f, _actor, scope) => ({
      method: 'GET',
      url: `/api/bigscreen/${await screenToken(f, scope)}/events`,
      headers: { accept: 'text/event-stream' },
      payloadAsStream: true,
    }),
    expect: screenReading,
  },
];
