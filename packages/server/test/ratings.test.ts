import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/lib/ids';
import { createCampaign } from '../src/services/campaign.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';

/**
 * 夺旗争先 flag awards, 一票否决 vetoes and the star rating (五星支部评定) over HTTP, on a small campaign made
 * here so every number is exact: units target ZB only unless the test adds targets, nothing is scored, the
 * bonus module DQ has budget 10 (SCORING.md: P = min(B(m), Σ bonus points)).
 */

const CAMPAIGN = 'RT2026';
const base = `/api/campaigns/${CAMPAIGN}`;

let keyCounter = 0;
const key = (label: string) => `${label}-${String(++keyCounter).padStart(6, '0')}`;

interface Cap {
  unitCode: string;
  star: string;
  awarded: number;
  budget: number;
  effective: number;
  capped: boolean;
}
interface Award {
  id: string;
  unitCode: string;
  status: string;
  note: string | null;
  bonusId: string | null;
  cap: Cap;
}
interface RatingRow {
  unitCode: string;
  streetCode: string | null;
  count: number;
  label: string;
  stars: { star: string; score: number; earned: boolean; reason: string | null }[];
  vetoes: { id: string; star: string; reason: string }[];
}

/** A stored photo of a unit (as if uploaded), named by its client key. */
async function storedPhoto(env: TestEnv, unitCode: string, photoKey: string): Promise<string> {
  const repos = env.system().repos;
  const unit = await repos.units.findByCode(unitCode);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  await repos.photos.insert({
    id: newId(),
    idempotency_key: photoKey,
    unit_id: unit.id,
    sha256: 'b'.repeat(64),
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

async function approvedTarget(env: TestEnv, unitCode: string, star: string): Promise<void> {
  const repos = env.system().repos;
  const campaign = await repos.campaigns.findByCode(CAMPAIGN);
  const unit = await repos.units.findByCode(unitCode);
  if (!campaign || !unit) throw new Error('fixture');
  const now = new Date().toISOString();
  await env.database.db
    .insertInto('targets')
    .values({
      id: newId(),
      campaign_id: campaign.id,
      unit_id: unit.id,
      star,
      status: 'approved',
      declared_by: null,
      declared_at: now,
      decided_by: null,
      decided_at: now,
      note: null,
    })
    .execute();
}

describeEachDialect('flag awards, vetoes and the star rating', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;

  beforeAll(async () => {
    await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '评星测试方案',
      year: 2026,
      template: 'five-star',
    });
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('village');
  });

  async function unitScore(unitCode: string, period = '2026'): Promise<{ score: number; zb: number | null }> {
    const res = await admin.get(`${base}/ranking?period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = (
      res.json().rows as { unitCode: string; score: number; stars: Record<string, number | null> }[]
    ).find((r) => r.unitCode === unitCode);
    if (!row) throw new Error(`no ranking row ${unitCode}`);
    return { score: row.score, zb: row.stars.ZB ?? null };
  }

  async function propose(client: Client, body: Record<string, unknown>) {
    return client.post(`${base}/flags`, {
      idempotencyKey: key('flag'),
      star: 'ZB',
      month: '2026-03',
      title: '流动红旗',
      reason: '三月流动红旗',
      ...body,
    });
  }

  async function ratingOf(client: Client, unitCode: string): Promise<RatingRow> {
    const res = await client.get(`${base}/star-ratings`);
    expect(res.statusCode, res.body).toBe(200);
    const row = (res.json().rows as RatingRow[]).find((r) => r.unitCode === unitCode);
    if (!row) throw new Error(`no rating row ${unitCode}`);
    return row;
  }

  describe('flag awards', () => {
    it('a pending flag moves nothing; approving it moves exactly its points; over the cap counts up to the budget', async () => {
      expect(await unitScore('LX-SZ')).toEqual({ score: 0, zb: 0 });
      const first = await propose(admin, { unitCode: 'LX-SZ', points: 4 });
      expect(first.statusCode, first.body).toBe(200);
      const award: Award = first.json().award;
      expect(award.status).toBe('pending');
      expect(award.bonusId).toBeNull();
      expect(await unitScore('LX-SZ')).toEqual({ score: 0, zb: 0 });

      const ok = await admin.post(`${base}/flags/${award.id}/approve`, {});
      expect(ok.statusCode, ok.body).toBe(200);
      const approved: Award = ok.json().award;
      expect(approved.status).toBe('approved');
      expect(approved.bonusId).not.toBeNull();
      expect(approved.cap).toMatchObject({ awarded: 4, budget: 10, effective: 4, capped: false });
      // Only ZB targeted: U = S(ZB) = P(DQ) = 4, from March on.
      expect(await unitScore('LX-SZ')).toEqual({ score: 4, zb: 4 });
      expect(await unitScore('LX-SZ', '2026-02')).toEqual({ score: 0, zb: 0 });
      expect(await unitScore('LX-SZ', '2026-03')).toEqual({ score: 4, zb: 4 });

      const second = await propose(admin, {
        unitCode: 'LX-SZ',
        points: 8,
        month: '2026-05',
        title: '竞赛获胜',
      });
      expect(second.statusCode, second.body).toBe(200);
      const over = await admin.post(`${base}/flags/${second.json().award.id}/approve`, {});
      expect(over.statusCode, over.body).toBe(200);
      expect(over.json().award.cap).toMatchObject({ awarded: 12, budget: 10, effective: 10, capped: true });
      // min(10, 4 + 8) = 10 counts in the ranking.
      expect(await unitScore('LX-SZ')).toEqual({ score: 10, zb: 10 });
      expect(await unitScore('LX-SZ', '2026-04')).toEqual({ score: 4, zb: 4 });

      const list = await admin.get(`${base}/flags?unit=LX-SZ`);
      expect(list.statusCode, list.body).toBe(200);
      const rows: Award[] = list.json().rows;
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.cap).toMatchObject({ awarded: 12, effective: 10, capped: true });
      expect(list.json().caps).toEqual([
        expect.objectContaining({ unitCode: 'LX-SZ', star: 'ZB', awarded: 12, effective: 10, capped: true }),
      ]);
      expect(list.json().counts).toEqual({ pending: 0, approved: 2, rejected: 0 });
    });

    it('rejecting needs a note; only pending awards can be decided (409)', async () => {
      const res = await propose(admin, { unitCode: 'LX-LZ', points: 2 });
      const id = res.json().award.id;
      const noNote = await admin.post(`${base}/flags/${id}/reject`, {});
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().error.field).toBe('note');
      const blank = await admin.post(`${base}/flags/${id}/reject`, { note: '  ' });
      expect(blank.statusCode).toBe(400);
      const rejected = await admin.post(`${base}/flags/${id}/reject`, { note: '材料不全' });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(rejected.json().award).toMatchObject({ status: 'rejected', note: '材料不全', bonusId: null });
      expect((await admin.post(`${base}/flags/${id}/reject`, { note: '再驳回' })).statusCode).toBe(409);
      expect((await admin.post(`${base}/flags/${id}/approve`, {})).statusCode).toBe(409);
      expect(await unitScore('LX-LZ')).toEqual({ score: 0, zb: 0 });

      const other = await propose(admin, { unitCode: 'LX-LZ', points: 1 });
      const otherId = other.json().award.id;
      expect((await admin.post(`${base}/flags/${otherId}/approve`, {})).statusCode).toBe(200);
      const twice = await admin.post(`${base}/flags/${otherId}/approve`, {});
      expect(twice.statusCode).toBe(409);
      expect(await unitScore('LX-LZ')).toEqual({ score: 1, zb: 1 });
    });

    it('a street admin proposes for its own villages only and cannot decide', async () => {
      const own = await propose(street, { unitCode: 'LX-CZ', points: 2 });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().award.status).toBe('pending');
      const elsewhere = await propose(street, { unitCode: 'RML-HZ', points: 2 });
      expect(elsewhere.statusCode).toBe(403);
      expect((await street.post(`${base}/flags/${own.json().award.id}/approve`, {})).statusCode).toBe(403);
      expect(
        (await street.post(`${base}/flags/${own.json().award.id}/reject`, { note: 'x' })).statusCode,
      ).toBe(403);
      expect((await propose(village, { unitCode: 'RML-HZ', points: 2 })).statusCode).toBe(403);
    });

    it('checks points against the budget and replays an idempotency key', async () => {
      const tooMany = await propose(admin, { unitCode: 'LX-DY', points: 11 });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.field).toBe('points');
      const zero = await propose(admin, { unitCode: 'LX-DY', points: 0 });
      expect(zero.statusCode).toBe(400);
      const body = {
        idempotencyKey: key('replay'),
        unitCode: 'LX-DY',
        star: 'ZB',
        month: '2026-04',
        points: 3,
        title: '流动红旗',
        reason: '四月',
      };
      const a = await admin.post(`${base}/flags`, body);
      const b = await admin.post(`${base}/flags`, body);
      expect(a.statusCode, a.body).toBe(200);
      expect(b.statusCode, b.body).toBe(200);
      expect(b.json().replayed).toBe(true);
      expect(b.json().award.id).toBe(a.json().award.id);
      const changed = await admin.post(`${base}/flags`, { ...body, points: 4 });
      expect(changed.statusCode).toBe(409);
      const listed = await admin.get(`${base}/flags?unit=LX-DY`);
      expect(listed.json().rows).toHaveLength(1);
    });

    it('approval in a locked month is a correction bonus; photos must be the unit’s; every change is audited', async () => {
      expect((await admin.post(`${base}/locks`, { month: '2026-01' })).statusCode).toBe(200);
      const photo = await storedPhoto(env(), 'LX-LX', key('photo'));
      const elsewhere = await storedPhoto(env(), 'RML-HZ', key('photo'));
      const wrong = await propose(admin, {
        unitCode: 'LX-LX',
        points: 2,
        month: '2026-01',
        photoKeys: [elsewhere],
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.field).toBe('photoKeys');
      const res = await propose(admin, {
        unitCode: 'LX-LX',
        points: 2,
        month: '2026-01',
        photoKeys: [photo],
      });
      expect(res.statusCode, res.body).toBe(200);
      const award = res.json().award;
      expect(award.photos.map((p: { key: string }) => p.key)).toEqual([photo]);
      const ok = await admin.post(`${base}/flags/${award.id}/approve`, { note: '同意' });
      expect(ok.statusCode, ok.body).toBe(200);
      const bonus = await env()
        .database.db.selectFrom('bonuses')
        .selectAll()
        .where('id', '=', ok.json().award.bonusId)
        .executeTakeFirstOrThrow();
      expect(bonus).toMatchObject({ source: 'correction', module: 'DQ', star: 'ZB', month: '2026-01' });
      expect(Number(bonus.points)).toBe(2);
      expect(await unitScore('LX-LX', '2026-01')).toEqual({ score: 2, zb: 2 });
      const audit = await env()
        .database.db.selectFrom('audit_log')
        .select('action')
        .where((eb) => eb.or([eb('entity_id', '=', award.id), eb('entity_id', '=', bonus.id)]))
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['flag.propose', 'bonus.add', 'flag.approve']);
    });

    it('cuts the list to the caller: village its own unit, street its villages', async () => {
      await propose(admin, { unitCode: 'RML-HZ', points: 1 });
      const v = await village.get(`${base}/flags`);
      expect(v.statusCode).toBe(200);
      const vRows: Award[] = v.json().rows;
      expect(vRows.length).toBeGreaterThan(0);
      expect(new Set(vRows.map((r) => r.unitCode))).toEqual(new Set(['RML-HZ']));
      const s = await street.get(`${base}/flags`);
      const sRows: Award[] = s.json().rows;
      expect(sRows.length).toBeGreaterThan(0);
      expect(sRows.every((r) => r.unitCode.startsWith('LX-'))).toBe(true);
    });
  });

  describe('vetoes and the rating', () => {
    beforeAll(async () => {
      // A star line of 5 lets bonuses alone earn stars: LX-ZZ targets ZB, CY, ST with 6 points on each.
      await env()
        .database.db.updateTable('campaigns')
        .set({ star_line: 5 })
        .where('code', '=', CAMPAIGN)
        .execute();
      await approvedTarget(env(), 'LX-ZZ', 'CY');
      await approvedTarget(env(), 'LX-ZZ', 'ST');
      for (const star of ['ZB', 'CY', 'ST']) {
        const res = await admin.post(`${base}/bonuses`, {
          unitCode: 'LX-ZZ',
          star,
          month: '2026-06',
          points: 6,
          reason: '测试加分',
          idempotencyKey: key('bonus'),
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    });

    it('a veto removes exactly that star, on the prerequisite every star; revoking restores it', async () => {
      const before = await ratingOf(admin, 'LX-ZZ');
      expect(before.count).toBe(3);
      expect(before.label).toBe('三星支部');

      const onCy = await admin.post(`${base}/vetoes`, {
        idempotencyKey: key('veto'),
        unitCode: 'LX-ZZ',
        star: 'CY',
        reason: '发生安全生产事故',
        evidence: '区应急局通报',
      });
      expect(onCy.statusCode, onCy.body).toBe(200);
      const cyVeto = onCy.json().veto;
      expect(cyVeto).toMatchObject({ active: true, star: 'CY', reason: '发生安全生产事故' });
      const afterCy = await ratingOf(admin, 'LX-ZZ');
      expect(afterCy.count).toBe(2);
      expect(afterCy.stars.find((s) => s.star === 'CY')).toMatchObject({ earned: false, score: 6 });
      expect(afterCy.stars.find((s) => s.star === 'CY')?.reason).toContain('发生安全生产事故');
      expect(afterCy.stars.filter((s) => s.earned).map((s) => s.star)).toEqual(['ZB', 'ST']);
      expect(afterCy.vetoes).toEqual([{ id: cyVeto.id, star: 'CY', reason: '发生安全生产事故' }]);
      // The annual ranking rates with the veto too.
      const ranking = await admin.get(`${base}/ranking?period=2026`);
      const rankRow = ranking.json().rows.find((r: { unitCode: string }) => r.unitCode === 'LX-ZZ');
      expect(rankRow.rating.count).toBe(2);
      const profile = await admin.get(`${base}/units/LX-ZZ/profile?period=2026`);
      expect(profile.statusCode, profile.body).toBe(200);
      expect(profile.json().rating.count).toBe(2);

      const revoke = await admin.post(`${base}/vetoes/${cyVeto.id}/revoke`, { reason: '经复核不属实' });
      expect(revoke.statusCode, revoke.body).toBe(200);
      expect(revoke.json().veto).toMatchObject({ active: false, revokeReason: '经复核不属实' });
      expect((await admin.post(`${base}/vetoes/${cyVeto.id}/revoke`, { reason: '再撤销' })).statusCode).toBe(
        409,
      );
      expect((await admin.post(`${base}/vetoes/${cyVeto.id}/revoke`, {})).statusCode).toBe(400);
      expect((await ratingOf(admin, 'LX-ZZ')).count).toBe(3);
      const listed = await admin.get(`${base}/vetoes?unit=LX-ZZ`);
      expect(listed.json().rows).toHaveLength(1);
      expect(listed.json().rows[0]).toMatchObject({ active: false, reason: '发生安全生产事故' });

      const onZb = await admin.post(`${base}/vetoes`, {
        idempotencyKey: key('veto'),
        unitCode: 'LX-ZZ',
        star: 'ZB',
        reason: '发生违规违纪问题',
      });
      expect(onZb.statusCode, onZb.body).toBe(200);
      const afterZb = await ratingOf(admin, 'LX-ZZ');
      expect(afterZb.count).toBe(0);
      expect(afterZb.label).toBe('未评星');
      expect(afterZb.stars.find((s) => s.star === 'ZB')?.reason).toContain('发生违规违纪问题');
      expect(afterZb.stars.find((s) => s.star === 'CY')?.reason).toContain('前置星');
      await admin.post(`${base}/vetoes/${onZb.json().veto.id}/revoke`, { reason: '撤销' });
      expect((await ratingOf(admin, 'LX-ZZ')).count).toBe(3);
    });

    it('refuses a veto on a star the unit does not target, and by anyone but the district admin', async () => {
      const res = await admin.post(`${base}/vetoes`, {
        idempotencyKey: key('veto'),
        unitCode: 'LX-ZZ',
        star: 'PA',
        reason: '不适用',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe('star');
      const byStreet = await street.post(`${base}/vetoes`, {
        idempotencyKey: key('veto'),
        unitCode: 'LX-ZZ',
        star: 'ZB',
        reason: '街道',
      });
      expect(byStreet.statusCode).toBe(403);
    });

    it('replays a veto key; the same key with other content is refused', async () => {
      const body = { idempotencyKey: key('veto'), unitCode: 'LX-JZ', star: 'ZB', reason: '重复提交测试' };
      const a = await admin.post(`${base}/vetoes`, body);
      const b = await admin.post(`${base}/vetoes`, body);
      expect(b.json()).toMatchObject({ replayed: true, veto: { id: a.json().veto.id } });
      expect((await admin.post(`${base}/vetoes`, { ...body, reason: '其他' })).statusCode).toBe(409);
      await admin.post(`${base}/vetoes/${a.json().veto.id}/revoke`, { reason: '测试完毕' });
    });

    it('confirmation freezes a version; a change lists the unit; re-confirming needs a reason and makes v2', async () => {
      expect((await admin.get(`${base}/star-ratings/confirmed`)).statusCode).toBe(404);
      const confirmKey = key('confirm');
      const v1 = await admin.post(`${base}/star-ratings/confirm`, { idempotencyKey: confirmKey });
      expect(v1.statusCode, v1.body).toBe(200);
      expect(v1.json().confirmation.version).toBe(1);
      const replay = await admin.post(`${base}/star-ratings/confirm`, { idempotencyKey: confirmKey });
      expect(replay.json()).toMatchObject({ replayed: true, confirmation: { version: 1 } });

      let list = (await admin.get(`${base}/star-ratings`)).json();
      expect(list.latest.version).toBe(1);
      expect(list.changed).toEqual([]);

      const veto = await admin.post(`${base}/vetoes`, {
        idempotencyKey: key('veto'),
        unitCode: 'LX-ZZ',
        star: 'ST',
        reason: '生态环境问题被通报',
      });
      expect(veto.statusCode).toBe(200);
      list = (await admin.get(`${base}/star-ratings`)).json();
      expect(list.changed).toEqual([
        { unitCode: 'LX-ZZ', unitName: '张庄村', confirmed: ['ZB', 'CY', 'ST'], current: ['ZB', 'CY'] },
      ]);

      const noReason = await admin.post(`${base}/star-ratings/confirm`, { idempotencyKey: key('confirm') });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.field).toBe('reason');
      const v2 = await admin.post(`${base}/star-ratings/confirm`, {
        idempotencyKey: key('confirm'),
        reason: '生态宜居星一票否决',
      });
      expect(v2.statusCode, v2.body).toBe(200);
      expect(v2.json().confirmation).toMatchObject({ version: 2, reason: '生态宜居星一票否决' });
      expect((await admin.get(`${base}/star-ratings`)).json().changed).toEqual([]);

      const old = (await admin.get(`${base}/star-ratings/confirmed?version=1`)).json();
      expect(old.confirmation.version).toBe(1);
      expect(old.rows.find((r: RatingRow) => r.unitCode === 'LX-ZZ').count).toBe(3);
      const latest = (await admin.get(`${base}/star-ratings/confirmed`)).json();
      expect(latest.confirmation.version).toBe(2);
      expect(latest.rows.find((r: RatingRow) => r.unitCode === 'LX-ZZ').count).toBe(2);
      expect(latest.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

      expect(
        (await street.post(`${base}/star-ratings/confirm`, { idempotencyKey: key('c'), reason: 'x' }))
          .statusCode,
      ).toBe(403);
    });

    it('exports the list (confirmed version named in the title row) as xlsx and csv', async () => {
      const res = await admin.get(`${base}/star-ratings/export?format=xlsx`);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      expect(String(ws.getRow(1).getCell(1).value)).toContain('已确认 第2版');
      const headers = (ws.getRow(2).values as unknown[]).slice(1);
      expect(headers).toEqual([
        '排名',
        '单位编码',
        '单位名称',
        '所属街道',
        '星级',
        'ZB 支部过硬星',
        'CY 产业兴旺星',
        'ST 生态宜居星',
        'PA 平安法治星',
        'WM 文明幸福星',
        '否决情况',
      ]);
      const zz = [] as unknown[][];
      ws.eachRow((row, n) => {
        if (n > 2 && row.getCell(2).value === 'LX-ZZ') zz.push((row.values as unknown[]).slice(1));
      });
      expect(zz).toHaveLength(1);
      expect(zz[0]?.[0]).toBe(1);
      expect(zz[0]?.slice(1, 6)).toEqual(['LX-ZZ', '张庄村', '龙兴街道', '二星支部', '6.00 ✓']);
      expect(zz[0]?.[6]).toBe('6.00 ✓');
      expect(zz[0]?.[7]).toBe('6.00');
      expect(String(zz[0]?.[10])).toContain('生态环境问题被通报');

      const csv = await admin.get(`${base}/star-ratings/export?format=csv`);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.replace(/^\ufeff/, '').split('\r\n');
      expect(lines[0]).toContain('已确认 第2版');
      expect(lines[1]?.startsWith('排名,单位编码,单位名称,所属街道,星级')).toBe(true);
    });

    it('cuts the rating, certificates and confirmed list to the caller', async () => {
      const v = (await village.get(`${base}/star-ratings`)).json();
      expect(v.rows.map((r: RatingRow) => r.unitCode)).toEqual(['RML-HZ']);
      const s = (await street.get(`${base}/star-ratings`)).json();
      expect(s.rows.length).toBeGreaterThan(1);
      expect(s.rows.every((r: RatingRow) => r.streetCode === 'LX')).toBe(true);
      const vc = (await village.get(`${base}/star-ratings/confirmed`)).json();
      expect(vc.rows.map((r: RatingRow) => r.unitCode)).toEqual(['RML-HZ']);

      const certs = (await admin.get(`${base}/star-ratings/certificates`)).json();
      expect(certs).toMatchObject({ source: 'confirmed', version: 2 });
      const counts = certs.rows.map((r: { count: number }) => r.count);
      expect(counts.every((n: number) => n >= 1)).toBe(true);
      expect([...counts].sort((a: number, b: number) => b - a)).toEqual(counts);
      expect(certs.rows.find((r: { unitCode: string }) => r.unitCode === 'LX-ZZ')).toMatchObject({
        count: 2,
        label: '二星支部',
        starNames: ['支部过硬星', '产业兴旺星'],
      });
      const streetCerts = (await street.get(`${base}/star-ratings/certificates`)).json();
      expect(streetCerts.rows.every((r: { unitCode: string }) => r.unitCode.startsWith('LX-'))).toBe(true);
    });
  });
});
