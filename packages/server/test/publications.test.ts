import { beforeAll, expect, it } from 'vitest';
import { newId } from '../src/lib/ids';
import { correctScore } from '../src/services/score.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';

/**
 * 公示 publishing over HTTP on the demo district: the demo's GS-2023-001 (2023-Q1, window 10–17 April 2023,
 * one accepted objection → version 2, one rejected), and publications made here today (window open).
 */

let counter = 0;
const key = (label: string) => `pub-${label}-${String(++counter).padStart(6, '0')}`;

interface Summary {
  id: string;
  number: string;
  period: string;
  scope: string;
  windowEnd: string;
  windowOpen: boolean;
  currentVersion: number;
  publicPath: string;
  pendingObjections: number;
}
interface UnitRow {
  rank: number;
  code: string;
  name: string;
  score: number;
  stars: Record<string, number | null>;
}
interface Snapshot {
  period: string;
  units: UnitRow[];
  streets: { code: string; score: number }[];
  perStar: { star: string; rows: { code: string }[] }[];
}
interface Objection {
  id: string;
  unitCode: string;
  status: string;
  resolvedVersion: number | null;
  decisionReason: string | null;
  filedByName: string;
  photos: { key: string }[];
}
interface Detail {
  publication: Summary;
  versions: { version: number; reason: string | null; objectionId: string | null }[];
  version: number;
  snapshot: Snapshot;
  objections: Objection[];
  canObjectFor: string[];
  canManage: boolean;
}
interface Diff {
  from: number;
  to: number;
  reason: string | null;
  rows: {
    level: string;
    code: string;
    kind: string;
    fields: { field: string; from: number | null; to: number | null }[];
  }[];
}

async function storedPhoto(env: TestEnv, unitCode: string, photoKey: string): Promise<string> {
  const repos = env.system().repos;
  const unit = await repos.units.findByCode(unitCode);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  await repos.photos.insert({
    id: newId(),
    idempotency_key: photoKey,
    unit_id: unit.id,
    sha256: 'd'.repeat(64),
    mime: 'image/jpeg',
    bytes: 1000,
    width: 64,
    height: 48,
    file: `photos/test/${photoKey}.jpg`,
    thumb_file: `photos/test/${photoKey}-thumb.jpg`,
    taken_at: null,
    latitude: null,
    longitude: null,
    uploaded_by: 'system',
    uploaded_by_name: '测试',
    uploaded_at: new Date().toISOString(),
  });
  return photoKey;
}

/** Every version row as stored, to prove none changes. */
async function storedVersions(env: TestEnv) {
  const rows = await env.database.db
    .selectFrom('publication_versions')
    .select(['id', 'publication_id', 'version', 'reason', 'objection_id', 'snapshot_json', 'created_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

describeEachDialect('公示 publications', (env) => {
  let admin: Client;
  let village: Client;
  let street: Client;
  let demo: Summary;
  let names: string[];

  beforeAll(async () => {
    admin = await env().login('admin');
    village = await env().login('village');
    street = await env().login('street');
    const list = await admin.get('/api/publications');
    expect(list.statusCode).toBe(200);
    const found = (list.json() as { rows: Summary[] }).rows.find((r) => r.period === '2023-Q1');
    if (!found) throw new Error('no demo publication');
    demo = found;
    names = (await env().database.db.selectFrom('users').select('display_name').execute()).map(
      (u) => u.display_name,
    );
  });

  it('the demo has GS-2023-001: public, window closed on 2023-04-17, two versions from one accepted objection', async () => {
    expect(demo).toMatchObject({
      number: 'GS-2023-001',
      scope: 'public',
      windowEnd: '2023-04-17',
      windowOpen: false,
      currentVersion: 2,
      pendingObjections: 0,
    });
    const detail = (await admin.get(`/api/publications/${demo.id}`)).json() as Detail;
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.versions[0]?.reason).toBeNull();
    expect(detail.versions[1]?.reason).toContain('何庄村');
    const byUnit = new Map(detail.objections.map((o) => [o.unitCode, o]));
    expect(byUnit.get('RML-HZ')).toMatchObject({ status: 'accepted', resolvedVersion: 2 });
    expect(detail.versions[1]?.objectionId).toBe(byUnit.get('RML-HZ')?.id);
    expect(byUnit.get('LX-DY')).toMatchObject({ status: 'rejected', resolvedVersion: null });
    expect(byUnit.get('LX-DY')?.decisionReason).toContain('不予采纳');
    expect(detail.snapshot.units).toHaveLength(20);
    expect(detail.snapshot.streets.length).toBeGreaterThan(0);
    expect(detail.snapshot.perStar.map((s) => s.star)).toEqual(['ZB', 'CY', 'ST', 'PA', 'WM']);
  });

  it('the diff of the demo versions lists 何庄村 with the new version’s reason', async () => {
    const res = await admin.get(`/api/publications/${demo.id}/diff?from=1&to=2`);
    expect(res.statusCode).toBe(200);
    const diff = res.json() as Diff;
    expect(diff.reason).toContain('何庄村');
    const hz = diff.rows.find((r) => r.level === 'unit' && r.code === 'RML-HZ');
    expect(hz?.kind).toBe('changed');
    const fields = new Map(hz?.fields.map((f) => [f.field, f]));
    const score = fields.get('score');
    const zb = fields.get('ZB');
    expect(score && zb).toBeTruthy();
    // 3 points more on one DD item of max 100 (the year's DD: 12 × 100): ZB gains 40·3/1200 = 0.10.
    expect(Number(((zb?.to ?? 0) - (zb?.from ?? 0)).toFixed(2))).toBe(0.1);
    expect(diff.rows.every((r) => r.fields.length > 0)).toBe(true);
    expect((await admin.get(`/api/publications/${demo.id}/diff?from=2&to=2`)).statusCode).toBe(400);
    expect((await admin.get(`/api/publications/${demo.id}/diff?from=1&to=9`)).statusCode).toBe(404);
  });

  it('an objection after the window closed is refused with 409 naming the window end', async () => {
    const res = await village.post(`/api/publications/${demo.id}/objections`, {
      idempotencyKey: key('late'),
      unitCode: 'RML-HZ',
      reason: '逾期异议',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('2023-04-17');
    const detail = (await village.get(`/api/publications/${demo.id}`)).json() as Detail;
    expect(detail.canObjectFor).toEqual([]);
  });

  it('publishes a quarter: number, window of 5 working days, frozen rows of the ranking; months and repeats are refused', async () => {
    const body = {
      idempotencyKey: key('publish'),
      campaignCode: 'WX2023',
      period: '2023-Q2',
      scope: 'internal',
      contact: '区委组织部 0371-00000000',
    };
    const res = await admin.post('/api/publications', body);
    expect(res.statusCode).toBe(200);
    const pub = res.json().publication as Summary;
    expect(pub).toMatchObject({
      number: 'GS-2023-002',
      currentVersion: 1,
      windowOpen: true,
      scope: 'internal',
    });
    expect(pub.windowEnd > new Date().toISOString().slice(0, 10)).toBe(true);
    // Replays with the same key; other content under it is 409.
    const again = await admin.post('/api/publications', body);
    expect(again.json()).toMatchObject({ replayed: true, publication: { id: pub.id } });
    expect((await admin.post('/api/publications', { ...body, contact: '别处' })).statusCode).toBe(409);
    // One publication per period.
    const dup = await admin.post('/api/publications', { ...body, idempotencyKey: key('dup') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('GS-2023-002');
    const month = await admin.post('/api/publications', {
      ...body,
      idempotencyKey: key('m'),
      period: '2023-04',
    });
    expect(month.statusCode).toBe(400);
    expect(month.json().error.field).toBe('period');

    const detail = (await admin.get(`/api/publications/${pub.id}`)).json() as Detail;
    const ranking = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-Q2')).json() as {
      rows: { unitCode: string; rank: number; score: number }[];
    };
    expect(detail.snapshot.units.map((u) => [u.code, u.rank])).toEqual(
      ranking.rows.map((r) => [r.unitCode, r.rank]),
    );
  });

  it('village users object for their own unit, street admins for their villages, while the window is open; the admin rejects or accepts', async () => {
    const pub = (
      await admin.post('/api/publications', {
        idempotencyKey: key('publish'),
        campaignCode: 'WX2023',
        period: '2023-Q3',
        scope: 'public',
        contact: '区委组织部',
      })
    ).json().publication as Summary;
    const photo = await storedPhoto(env(), 'RML-HZ', key('photo'));
    const detailV = (await village.get(`/api/publications/${pub.id}`)).json() as Detail;
    expect(detailV.canObjectFor).toEqual(['RML-HZ']);
    const own = await village.post(`/api/publications/${pub.id}/objections`, {
      idempotencyKey: key('obj'),
      unitCode: 'RML-HZ',
      reason: '我村三季度得分有误',
      photoKeys: [photo],
    });
    expect(own.statusCode).toBe(200);
    const objection = own.json().objection as Objection;
    expect(objection).toMatchObject({ status: 'pending', unitCode: 'RML-HZ' });
    expect(objection.photos.map((p) => p.key)).toEqual([photo]);
    const other = await village.post(`/api/publications/${pub.id}/objections`, {
      idempotencyKey: key('obj'),
      unitCode: 'LX-LX',
      reason: '别村',
    });
    expect(other.statusCode).toBe(403);
    const byStreet = await street.post(`/api/publications/${pub.id}/objections`, {
      idempotencyKey: key('obj'),
      unitCode: 'LX-LX',
      reason: '龙兴村得分请复核',
    });
    expect(byStreet.statusCode).toBe(200);
    expect(
      (
        await street.post(`/api/publications/${pub.id}/objections`, {
          idempotencyKey: key('obj'),
          unitCode: 'RML-HZ',
          reason: '别街道',
        })
      ).statusCode,
    ).toBe(403);
    // A street admin sees its street's objections only; a village its own.
    const seenByStreet = (await street.get(`/api/publications/${pub.id}`)).json() as Detail;
    expect(seenByStreet.objections.map((o) => o.unitCode)).toEqual(['LX-LX']);
    const seenByVillage = (await village.get(`/api/publications/${pub.id}`)).json() as Detail;
    expect(seenByVillage.objections.map((o) => o.unitCode)).toEqual(['RML-HZ']);
    expect(seenByVillage.canManage).toBe(false);

    // Reject needs a reason; a decided objection cannot be decided again.
    const streetObj = byStreet.json().objection as Objection;
    const noReason = await admin.post(`/api/publications/${pub.id}/objections/${streetObj.id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    const rejected = await admin.post(`/api/publications/${pub.id}/objections/${streetObj.id}/reject`, {
      reason: '经核查无误',
    });
    expect(rejected.json().objection).toMatchObject({ status: 'rejected', decisionReason: '经核查无误' });
    expect(
      (
        await admin.post(`/api/publications/${pub.id}/objections/${streetObj.id}/accept`, {
          idempotencyKey: key('acc'),
          reason: '改判',
        })
      ).statusCode,
    ).toBe(409);
    expect((await admin.get(`/api/publications/${pub.id}`)).json().publication.currentVersion).toBe(1);

    // Accept after correcting the ledger: version 2 with the reason, linked, and a diff naming the unit.
    const ctx = env().system();
    const campaign = await ctx.repos.campaigns.findByCode('WX2023');
    const unit = await ctx.repos.units.findByCode('RML-HZ');
    if (!campaign || !unit) throw new Error('fixture');
    const item = (await ctx.repos.campaigns.items(campaign.id)).find(
      (i) => i.star === 'ZB' && i.module === 'DD' && i.month === '2023-08',
    );
    const entry = (await ctx.repos.scores.currentEntries(campaign.id, unit.id)).find(
      (e) => e.item_id === item?.id && e.points !== null,
    );
    if (!item || !entry) throw new Error('no August DD entry');
    const points = Number(entry.points) >= 10 ? Number(entry.points) - 10 : Number(entry.points) + 10;
    await correctScore(ctx, 'WX2023', entry.id, { points, na: false, reason: '异议核实更正' });

    const acceptBody = { idempotencyKey: key('acc'), reason: '采纳何庄村异议，更正8月督导得分' };
    const accepted = await admin.post(
      `/api/publications/${pub.id}/objections/${objection.id}/accept`,
      acceptBody,
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      objection: { status: 'accepted', resolvedVersion: 2 },
      publication: { currentVersion: 2, pendingObjections: 0 },
    });
    const retry = await admin.post(
      `/api/publications/${pub.id}/objections/${objection.id}/accept`,
      acceptBody,
    );
    expect(retry.json()).toMatchObject({ replayed: true, publication: { currentVersion: 2 } });
    const detail = (await admin.get(`/api/publications/${pub.id}`)).json() as Detail;
    expect(detail.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '采纳何庄村异议，更正8月督导得分'],
    ]);
    const diff = (await admin.get(`/api/publications/${pub.id}/diff?from=1&to=2`)).json() as Diff;
    expect(diff.reason).toBe('采纳何庄村异议，更正8月督导得分');
    const hz = diff.rows.find((r) => r.code === 'RML-HZ');
    expect(hz?.fields.map((f) => f.field)).toContain('ZB');
    expect(hz?.fields.map((f) => f.field)).toContain('score');
    // Version 1 is still readable as it was.
    const v1 = (await admin.get(`/api/publications/${pub.id}?version=1`)).json() as Detail;
    const v2 = detail.snapshot.units.find((u) => u.code === 'RML-HZ');
    expect(v1.snapshot.units.find((u) => u.code === 'RML-HZ')?.stars.ZB).not.toBe(v2?.stars.ZB);
  });

  it('no role changes a published version through any write route; only new versions are added', async () => {
    const before = await storedVersions(env());
    const writes = env().routes.filter(
      (r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.url.startsWith('/api/auth/'),
    );
    expect(writes.length).toBeGreaterThan(20);
    const pendingDetail = (await admin.get(`/api/publications/${demo.id}`)).json() as Detail;
    const objectionId = pendingDetail.objections[0]?.id ?? 'none';
    const token = demo.publicPath.slice(3);
    const fill = (url: string) =>
      url
        .replace(':objectionId', objectionId)
        .replace(':token', token)
        .replace(/:id\b/g, demo.id)
        .replace(/:[A-Za-z]+/g, 'RML-HZ');
    const clients = [
      env().anonymous(),
      await env().login('village'),
      await env().login('street'),
      await env().login('inspector'),
      await env().login('judge'),
      await env().login('admin'),
    ];
    for (const client of clients)
      for (const r of writes) {
        const res = await client.request({ method: r.method as 'POST', url: fill(r.url), payload: {} });
        expect(res.statusCode, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(200);
      }
    // No route to replace or delete a publication or a version exists.
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of [`/api/publications/${demo.id}`, `/api/publications/${demo.id}/versions/1`]) {
        const res = await admin.request({ method, url, payload: {} });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    const after = await storedVersions(env());
    for (const row of before) expect(after.find((a) => a.id === row.id)).toEqual(row);
  });

  it('the public API shows the frozen snapshot to anyone without login, never user names or live data', async () => {
    const anon = env().anonymous();
    const token = demo.publicPath.slice(3);
    const res = await anon.get(`/api/public/publications/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as {
      version: number;
      publisher: string;
      versions: { version: number; reason: string | null }[];
      snapshot: Snapshot;
    };
    expect(body.version).toBe(2);
    expect(body.publisher).toBe('中共石龙区委组织部');
    for (const name of names) expect(res.body).not.toContain(name);
    expect(res.body).not.toContain('filedByName');
    expect(res.body).not.toContain('ByName');
    // Exactly the stored snapshot of the current version.
    const stored = await env()
      .database.db.selectFrom('publication_versions')
      .select('snapshot_json')
      .where('publication_id', '=', demo.id)
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    expect(body.snapshot).toEqual(JSON.parse(stored.snapshot_json));
    // The old version stays readable.
    const v1 = await anon.get(`/api/public/publications/${token}?version=1`);
    expect(v1.json().version).toBe(1);
    // A later ledger change does not reach the published page.
    const ranking = (await admin.get('/api/campaigns/WX2023/ranking?period=2023-Q1')).json() as {
      rows: { code: string; score: number }[];
    };
    expect(ranking.rows.length).toBe(body.snapshot.units.length);
    // Unknown tokens are 404; an internal publication needs a login.
    expect((await anon.get(`/api/public/publications/${'x'.repeat(32)}`)).statusCode).toBe(404);
    const internal = ((await admin.get('/api/publications')).json() as { rows: Summary[] }).rows.find(
      (r) => r.scope === 'internal',
    );
    if (!internal) throw new Error('no internal publication');
    const itoken = internal.publicPath.slice(3);
    expect((await anon.get(`/api/public/publications/${itoken}`)).statusCode).toBe(401);
    expect((await village.get(`/api/public/publications/${itoken}`)).statusCode).toBe(200);
    // The management API needs a login.
    expect((await anon.get(`/api/publications/${demo.id}`)).statusCode).toBe(401);
    expect((await anon.get('/api/publications')).statusCode).toBe(401);
  });
});
