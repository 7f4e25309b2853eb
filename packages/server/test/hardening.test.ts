import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { enterScore } from '../src/services/score.service';
import { createUser } from '../src/services/user.service';
import { csvField } from '../src/workbook/writeWorkbook';
import { describeEachDialect, multipartFiles } from './harness';

describeEachDialect('hardening: uploads, throttling, corrections, exports, forced password change', (env) => {
  it('survives PostgreSQL closing its idle connections (a restart or failover) and goes on answering', async () => {
    if (env().dialect !== 'postgres') return;
    const db = env().database.db;
    // Fill the pool with several idle connections, then have the server end them all from another one.
    await Promise.all(Array.from({ length: 3 }, () => sql`select pg_sleep(0.05)`.execute(db)));
    const admin = env().anonymous();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(db);
    await new Promise((r) => setTimeout(r, 200));
    const res = await admin.get('/api/meta');
    expect(res.statusCode).toBe(200);
    const again = await sql<{ n: number }>`select 1 as n`.execute(db);
    expect(Number(again.rows[0]?.n)).toBe(1);
  });

  it('refuses an upload from the public before reading it', async () => {
    const bogus = multipartFiles([{ name: '单位.xlsx', content: Buffer.from('not a workbook') }]);
    const units = await env()
      .anonymous()
      .request({ method: 'POST', url: '/api/units/import', ...bogus });
    expect(units.statusCode).toBe(401);
    const campaign = await env()
      .anonymous()
      .request({ method: 'POST', url: '/api/campaigns/import', ...bogus });
    expect(campaign.statusCode).toBe(401);
    const street = await env().login('street');
    expect((await street.request({ method: 'POST', url: '/api/units/import', ...bogus })).statusCode).toBe(
      403,
    );
  });

  it('does not let a forged X-Forwarded-For header escape login throttling', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await env()
        .anonymous()
        .request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: `wrong-${i}-pass` },
          remoteAddress: '10.20.30.40',
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("lets an inspector correct only its own entries; another scorer's is for the district admin", async () => {
    const made = await enterScore(env().system(), 'WX2023', {
      unitCode: 'LX-LX',
      itemCode: 'DD-ZB-12',
      points: 40,
      na: false,
      scorer: '督导组',
    });
    const inspector = await env().login('inspector');
    const refused = await inspector.post(`/api/campaigns/WX2023/scores/${made.entry.id}/correct`, {
      points: 0,
      reason: '改为零分',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('只能更正自己录入的得分');
    const admin = await env().login('admin');
    const ok = await admin.post(`/api/campaigns/WX2023/scores/${made.entry.id}/correct`, {
      points: 3,
      reason: '复核后更正',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().entry).toMatchObject({ points: 3, scorer: '督导组', supersedesId: made.entry.id });
  });

  it('refuses changes to an archived campaign', async () => {
    const admin = await env().login('admin');
    const archived = await admin.patch('/api/campaigns/WX2023', { status: 'archived' });
    expect(archived.statusCode).toBe(200);
    const score = await admin.post('/api/campaigns/WX2023/scores', {
      unitCode: 'LX-LX',
      itemCode: 'RC-ZB-12',
      points: 5,
    });
    expect(score.statusCode).toBe(409);
    expect(score.json().error.message).toBe('该考评方案已归档，不能再修改');
    expect((await admin.patch('/api/campaigns/WX2023', { status: 'active' })).statusCode).toBe(200);
  });

  it('makes an account with an assigned password change it before anything else', async () => {
    await createUser(env().system(), {
      username: 'fresh-user',
      displayName: '新账号',
      role: 'street_admin',
      scopeUnitCode: 'LX',
      password: 'assigned-password',
    });
    const fresh = await env().login('fresh-user', 'assigned-password');
    const blocked = await fresh.get('/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await fresh.post('/api/auth/password', {
          currentPassword: 'assigned-password',
          newPassword: 'my-own-password',
        })
      ).statusCode,
    ).toBe(200);
    expect((await fresh.get('/api/units')).statusCode).toBe(200);
  });
});

it('defuses spreadsheet formulas in CSV cells but leaves numbers alone', () => {
  expect(csvField('=HYPERLINK("http://x","点我")')).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
  expect(csvField('+cmd|x')).toBe("'+cmd|x");
  expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(csvField('-2')).toBe('-2');
  expect(csvField('-1.50')).toBe('-1.50');
  expect(csvField(-3)).toBe('-3');
  expect(csvField('何庄村')).toBe('何庄村');
});
