import { beforeAll, expect, it } from 'vitest';
import { createUnit } from '../src/services/unit.service';
import { createUser } from '../src/services/user.service';
import {
  ACTORS,
  isDocsRoute,
  LOGIN,
  MATRIX,
  type MatrixActor,
  type MatrixFixture,
  type Scope,
} from './authz.matrix';
import { type Client, DEMO_PASSWORD, describeEachDialect } from './harness';

const UNIT_IN: Record<MatrixActor, { in: string; out: string }> = {
  anonymous: { in: 'LX-LX', out: 'RML-HZ' },
  village_user: { in: 'RML-HZ', out: 'LX-LX' },
  street_admin: { in: 'LX-LX', out: 'RML-HZ' },
  inspector: { in: 'LX-LX', out: 'RML-HZ' },
  judge: { in: 'LX-LX', out: 'RML-HZ' },
  district_admin: { in: 'LX-LX', out: 'RML-HZ' },
};
const HOUSEHOLD_IN: Record<MatrixActor, { in: string; out: string }> = {
  anonymous: { in: 'AZ-LX-H', out: 'AZ-RML-H' },
  village_user: { in: 'AZ-RML-H', out: 'AZ-LX-H' },
  street_admin: { in: 'AZ-LX-H', out: 'AZ-RML-H' },
  inspector: { in: 'AZ-LX-H', out: 'AZ-RML-H' },
  judge: { in: 'AZ-LX-H', out: 'AZ-RML-H' },
  district_admin: { in: 'AZ-LX-H', out: 'AZ-RML-H' },
};

describeEachDialect('authorisation matrix: every route × every role × inside/outside scope', (env) => {
  let fixture: MatrixFixture;
  const clients = new Map<MatrixActor, Client>();
  let counter = 0;

  beforeAll(async () => {
    const ctx = env().system();
    await createUnit(ctx, { code: 'AZ-LX-H', name: '矩阵户甲', type: 'household', parentCode: 'LX-LX' });
    await createUnit(ctx, { code: 'AZ-RML-H', name: '矩阵户乙', type: 'household', parentCode: 'RML-HZ' });
    await createUnit(ctx, { code: 'AZ-RML-H2', name: '矩阵户丙', type: 'household', parentCode: 'RML-HZ' });
    await createUser(ctx, {
      username: 'az-target',
      displayName: '目标',
      role: 'judge',
      password: 'target-password',
    });
    fixture = {
      env: env(),
      unitId: async (code) => {
        const u = await env().system().repos.units.findByCode(code);
        if (!u) throw new Error(`no unit ${code}`);
        return u.id;
      },
      userId: async (username) => {
        const u = await env().system().repos.users.findByUsername(username);
        if (!u) throw new Error(`no user ${username}`);
        return u.id;
      },
      unitFor: (actor, scope) => UNIT_IN[actor][scope],
      householdFor: (actor, scope) => HOUSEHOLD_IN[actor][scope],
      next: () => ++counter,
    };
  });

  async function clientFor(actor: MatrixActor, fresh: boolean): Promise<Client> {
    if (actor === 'anonymous') return env().anonymous();
    const cached = clients.get(actor);
    if (cached && !fresh) return cached;
    const c = await env().login(LOGIN[actor], DEMO_PASSWORD);
    if (!fresh) clients.set(actor, c);
    return c;
  }

  it('has a row for every registered route', () => {
    const registered = env()
      .routes.filter((r) => r.method !== 'HEAD' && !isDocsRoute(r.url))
      .map((r) => `${r.method} ${r.url}`);
    const rows = new Set(MATRIX.map((r) => `${r.method} ${r.url}`));
    expect(registered.filter((r) => !rows.has(r))).toEqual([]);
    expect([...rows].filter((r) => !registered.includes(r))).toEqual([]);
  });

  for (const row of MATRIX) {
    it(`${row.method} ${row.url}`, async () => {
      const failures: string[] = [];
      for (const actor of ACTORS) {
        const expected = row.expect[actor];
        const scopes: Scope[] = typeof expected === 'number' ? ['in'] : ['in', 'out'];
        for (const scope of scopes) {
          const want = typeof expected === 'number' ? expected : expected[scope];
          const client = await clientFor(actor, row.freshLogin === true);
          const res = await client.request(await row.request(fixture, actor, scope));
          if (res.statusCode !== want)
            failures.push(
              `${actor}/${scope}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('serves the OpenAPI document to anyone', async () => {
    const res = await env().anonymous().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/units');
  });
});
