import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { Expect, MatrixFixture, MatrixRow, Scope } from './authz.matrix';
import { insertLiveContest } from './contestLiveHelpers';
import type { TestEnv } from './harness';

/**
 * The authorisation matrix rows of the live event streams (spread into CONTEST_MATRIX). A stream that is
 * allowed never ends by itself, so the request uses `payloadAsStream`: the answer comes back as soon as the
 * status and headers are written, and the stream stays open until the suite closes the app (whose preClose
 * hook ends every stream). Refusals are plain JSON answers made before the stream starts.
 *
 * `in`: a contest whose jury has the demo judge, or its screen token; `out`: a contest without the demo judge
 * on its jury, or a token no contest has.
 */

interface LiveFixture {
  juryCode: string;
  otherCode: string;
  screenToken: string;
}

const fixtures = new WeakMap<TestEnv, Promise<LiveFixture>>();

function liveFixture(f: MatrixFixture): Promise<LiveFixture> {
  let fixture = fixtures.get(f.env);
  if (!fixture) {
    fixture = (async () => {
      const jury = await insertLiveContest(f.env, ['judge']);
      const other = await insertLiveContest(f.env, []);
      return { juryCode: jury.code, otherCode: other.code, screenToken: jury.token };
    })();
    fixtures.set(f.env, fixture);
  }
  return fixture;
}

const stream = (url: string): InjectOptions => ({
  method: 'GET',
  url,
  headers: { accept: 'text/event-stream' },
  payloadAsStream: true,
});

/** District admins; judges on the contest's jury (`in`), not on another's (`out`). */
const contestStream: Expect = {
  anonymous: 401,
  village_user: 403,
  street_admin: 403,
  inspector: 403,
  judge: { in: 200, out: 403 },
  district_admin: 200,
};
/** Anyone with the screen token; 404 for a token no contest has. */
const screenStream: Expect = {
  anonymous: { in: 200, out: 404 },
  village_user: { in: 200, out: 404 },
  street_admin: { in: 200, out: 404 },
  inspector: { in: 200, out: 404 },
  judge: { in: 200, out: 404 },
  district_admin: { in: 200, out: 404 },
};

export const CONTEST_LIVE_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/contests/:code/events',
    request: async (f, _actor, scope: Scope) => {
      const live = await liveFixture(f);
      return stream(`/api/contests/${scope === 'in' ? live.juryCode : live.otherCode}/events`);
    },
    expect: contestStream,
  },
  {
    method: 'GET',
    url: '/api/screens/:token/events',
    request: async (f, _actor, scope: Scope) => {
      const live = await liveFixture(f);
      const token = scope === 'in' ? live.screenToken : randomBytes(24).toString('base64url');
      return stream(`/api/screens/${token}/events`);
    },
    expect: screenStream,
  },
];
