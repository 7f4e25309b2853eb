import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { fullBody, roundId, sheet } from './supervisionHelpers';

describeEachDialect('supervision: idempotent sheet submission', (env) => {
  it('turns 100 concurrent identical submissions into one sheet and one ledger row per star', async () => {
    const admin = await env().login('admin');
    const inspector = await env().login('inspector');
    const gm = await roundId(admin, 'GM-2023-12');
    const s = await sheet(inspector, gm, 'LX-JZ');
    const body = fullBody(s, 'LX-JZ', 'burst-0001', 0.75);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        inspector.request({ method: 'POST', url: '/api/inspections', payload: body }),
      ),
    );
    const statuses = new Set(responses.map((r) => r.statusCode));
    expect([...statuses], responses.find((r) => r.statusCode !== 200)?.body).toEqual([200]);
    const ids = new Set(responses.map((r) => r.json().inspection.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.json().replayed === false)).toHaveLength(1);
    const db = env().database.db;
    const sheets = await db
      .selectFrom('inspections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('idempotency_key', '=', body.idempotencyKey)
      .executeTakeFirstOrThrow();
    expect(Number(sheets.n)).toBe(1);
    const ledger = await db
      .selectFrom('score_entries')
      .select(['idempotency_key'])
      .where('idempotency_key', 'like', `${body.idempotencyKey}:%`)
      .execute();
    expect(ledger.map((r) => r.idempotency_key).sort()).toEqual(
      s.stars.map((st) => `${body.idempotencyKey}:${st.star}`).sort(),
    );

    const different = await inspector.post('/api/inspections', { ...body, note: '改了内容' });
    expect(different.statusCode).toBe(409);
    expect(different.json().error.field).toBe('idempotencyKey');
    const replay = await inspector.post('/api/inspections', body);
    expect(replay.json()).toMatchObject({ replayed: true, inspection: { id: [...ids][0] } });
  });
});
