import { ACTIVITY_COUNT_KEYS, type ActivityTotals } from '@wuxing/core';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { ActivityListView, ActivityView } from '../src/contracts/activities';
import { type Client, countRows, describeEachDialect, multipartFiles } from './harness';
import { sheetRows } from './sheetRows';

/**
 * Outreach activities (宣传活动): each unit records the events it held with their counts, inside its own part of
 * the tree; the statistics (totals, per street, per month, per topic) equal the sums of the records listed, and
 * the workbook carries the same rows. A deleted record leaves every list and sum but stays in the audit trail.
 */

const list = async (client: Client, query: string) => {
  const res = await client.get(`/api/activities?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ActivityListView;
};

const zero = (): ActivityTotals => ({
  activities: 0,
  staff: 0,
  banners: 0,
  desks: 0,
  boards: 0,
  leaflets: 0,
  consultations: 0,
});

/** Totals added up, computed here independently of the service. */
function addUp(totals: ActivityTotals[]): ActivityTotals {
  const out = zero();
  for (const t of totals) {
    out.activities += t.activities;
    for (const k of ACTIVITY_COUNT_KEYS) out[k] += t[k];
  }
  return out;
}

/** The sums of the rows: each row one activity with its counts. */
const sums = (rows: ActivityView[]): ActivityTotals =>
  addUp(rows.map((r) => ({ ...r.counts, activities: 1 })));

const body = {
  title: '何庄村国家安全教育日宣传',
  topic: '国家安全教育日',
  heldOn: '2023-04-15',
  place: '何庄村党群服务中心',
  unitCode: 'RML-HZ',
  counts: { staff: 6, banners: 2, leaflets: 150 },
};

describeEachDialect('outreach activities (宣传活动) and their statistics', (env) => {
  it('lists the demo year with the seed’s April events, and every sum equals the records’ sums', async () => {
    const admin = await env().login('admin');
    const year = await list(admin, 'period=2023');
    expect(year.period).toMatchObject({ key: '2023', kind: 'year' });
    const securityDay = year.rows.find((r) => r.title === '全民国家安全教育日集中宣传活动');
    expect(securityDay).toMatchObject({
      heldOn: '2023-04-15',
      unit: { code: 'SL' },
      street: null,
      counts: { staff: 100, desks: 40, boards: 100, banners: 20, leaflets: 3000, consultations: 0 },
      editable: true,
    });
    expect(year.rows.find((r) => r.topic === '民族宗教政策法规' && r.unit.code === 'DQ-07')?.counts).toEqual({
      staff: 0,
      banners: 40,
      desks: 20,
      boards: 0,
      leaflets: 2000,
      consultations: 300,
    });
    expect(year.rows.length).toBeGreaterThanOrEqual(14);
    // Newest first.
    const days = year.rows.map((r) => r.heldOn);
    expect([...days].sort().reverse()).toEqual(days);

    expect(year.totals).toEqual(sums(year.rows));
    expect(year.streets.map((s) => s.code)).toEqual(['SL', 'RML', 'LX', 'GZ', 'LH']);
    expect(year.byStreet.map((s) => s.name)).toEqual([
      '石龙区（区直）',
      '人民路街道',
      '龙兴街道',
      '高庄街道',
      '龙河街道',
    ]);
    for (const group of year.byStreet)
      expect(group.totals).toEqual(sums(year.rows.filter((r) => (r.street?.code ?? 'SL') === group.code)));
    expect(addUp(year.byStreet.map((g) => g.totals))).toEqual(year.totals);
    expect(year.byMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`),
    );
    for (const m of year.byMonth)
      expect(m.totals).toEqual(sums(year.rows.filter((r) => r.heldOn.startsWith(m.month))));
    expect(addUp(year.byTopic.map((t) => t.totals))).toEqual(year.totals);
    const counts = year.byTopic.map((t) => t.totals.activities);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);

    // A quarter holds exactly the rows of its months; a street filter exactly that street's.
    const q2 = await list(admin, 'period=2023-Q2');
    expect(q2.rows.map((r) => r.id)).toEqual(
      year.rows.filter((r) => r.heldOn >= '2023-04-01' && r.heldOn <= '2023-06-30').map((r) => r.id),
    );
    expect(q2.byMonth.map((m) => m.month)).toEqual(['2023-04', '2023-05', '2023-06']);
    const lx = await list(admin, 'period=2023&street=LX');
    expect(lx.rows.map((r) => r.id)).toEqual(
      year.rows.filter((r) => r.street?.code === 'LX').map((r) => r.id),
    );
    expect(lx.byStreet.map((g) => g.code)).toEqual(['LX']);
    const own = await list(admin, 'period=2023&street=SL');
    expect(own.rows.every((r) => r.street === null)).toBe(true);
    expect(own.rows.length).toBe(year.byStreet[0]?.totals.activities);
    const topic = await list(admin, `period=2023&topic=${encodeURIComponent('法治宣传')}`);
    expect(topic.rows.length).toBe(year.byTopic.find((t) => t.topic === '法治宣传')?.totals.activities);
    expect(topic.rows.every((r) => r.topic === '法治宣传')).toBe(true);
  });

  it('cuts lists and statistics to the caller’s part of the tree', async () => {
    const year = await list(await env().login('admin'), 'period=2023');
    const street = await list(await env().login('street'), 'period=2023'); // 龙兴街道
    expect(street.rows.length).toBeGreaterThan(0);
    expect(street.rows.map((r) => r.id)).toEqual(
      year.rows.filter((r) => r.street?.code === 'LX').map((r) => r.id),
    );
    expect(street.streets.map((s) => s.code)).toEqual(['LX']);
    expect(street.units.map((u) => u.code)).toContain('LX-DY');
    expect(street.units.every((u) => u.code === 'LX' || u.street === 'LX')).toBe(true);
    expect(street.rows.every((r) => r.editable)).toBe(true);
    const refused = await (await env().login('street')).get('/api/activities?period=2023&street=RML');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('street');

    const village = await list(await env().login('village'), 'period=2023'); // 何庄村
    expect(village.rows.length).toBeGreaterThan(0);
    expect(village.rows.every((r) => r.unit.code === 'RML-HZ')).toBe(true);
    expect(village.units.map((u) => u.code)).toEqual(['RML-HZ']);

    // An inspector reads the activities of the units assigned, and may record none.
    const inspector = await list(await env().login('inspector'), 'period=2023');
    expect(inspector.rows.map((r) => r.id)).toEqual(street.rows.map((r) => r.id));
    expect(inspector.units).toEqual([]);
    expect(inspector.rows.every((r) => !r.editable)).toBe(true);
  });

  it('the village records its own activity, corrects a count and deletes it with a reason; all audited', async () => {
    const village = await env().login('village');
    const before = (await list(village, 'period=2023-04')).totals;
    const created = await village.post('/api/activities', body);
    expect(created.statusCode, created.body).toBe(200);
    const activity = created.json() as ActivityView;
    expect(activity).toMatchObject({
      unit: { code: 'RML-HZ', name: '何庄村', type: 'village' },
      street: { code: 'RML', name: '人民路街道' },
      counts: { staff: 6, banners: 2, desks: 0, boards: 0, leaflets: 150, consultations: 0 },
      recordedBy: expect.stringMatching(/./),
      editable: true,
    });
    const april = await list(village, 'period=2023-04');
    expect(april.totals.activities).toBe(before.activities + 1);
    expect(april.totals.leaflets).toBe(before.leaflets + 150);

    const changed = await village.request({
      method: 'PUT',
      url: `/api/activities/${activity.id}`,
      payload: { counts: { leaflets: 180 }, summary: '发放宣传册' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as ActivityView).counts).toMatchObject({ leaflets: 180, staff: 6, banners: 2 });
    // Another village's user may not change it; the street may.
    const street = await env().login('street'); // 龙兴街道, not 人民路
    const foreign = await street.request({
      method: 'PUT',
      url: `/api/activities/${activity.id}`,
      payload: { place: '别处' },
    });
    expect(foreign.statusCode).toBe(403);

    const noReason = await village.post(`/api/activities/${activity.id}/delete`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const deleted = await village.post(`/api/activities/${activity.id}/delete`, { reason: '与街道记录重复' });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await list(village, 'period=2023-04')).totals).toEqual(before);
    const again = await village.post(`/api/activities/${activity.id}/delete`, { reason: '与街道记录重复' });
    expect(again.statusCode).toBe(404);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'activity')
      .where('entity_id', '=', activity.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['activity.create', 'activity.update', 'activity.delete']);
    expect(JSON.parse(audit[1]?.before_json ?? '{}').counts.leaflets).toBe(150);
    expect(JSON.parse(audit[1]?.after_json ?? '{}').counts.leaflets).toBe(180);
    expect(JSON.parse(audit[2]?.after_json ?? '{}')).toEqual({ deleted: true, reason: '与街道记录重复' });
  });

  it('refuses, naming the field, a bad record, and writes nothing', async () => {
    const admin = await env().login('admin');
    const village = await env().login('village');
    const rows = async () => ({
      activities: await countRows(env().database, 'activities'),
      audit: await countRows(env().database, 'audit_log'),
    });
    const start = await rows();
    const cases: [Client, Record<string, unknown>, string][] = [
      [admin, { ...body, heldOn: '2023-02-30' }, 'heldOn'],
      [admin, { ...body, heldOn: '2023/04/15' }, 'heldOn'],
      [admin, { ...body, heldOn: '2099-01-01' }, 'heldOn'],
      [admin, { ...body, title: '  ' }, 'title'],
      [admin, { ...body, place: '' }, 'place'],
      [admin, { ...body, topic: '题'.repeat(41) }, 'topic'],
      [admin, { ...body, counts: { leaflets: -1 } }, 'counts'],
      [admin, { ...body, counts: { leaflets: 1.5 } }, 'counts'],
      [admin, { ...body, unitCode: 'NOPE' }, 'unitCode'],
      [admin, { ...body, unitCode: 'AZ-LX-H' }, 'unitCode'],
    ];
    for (const [client, payload, field] of cases) {
      const res = await client.post('/api/activities', payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    // Another village is out of the village user's reach.
    expect((await village.post('/api/activities', { ...body, unitCode: 'LX-LX' })).statusCode).toBe(403);
    expect((await admin.get('/api/activities?period=2023-13')).json().error.field).toBe('period');
    // The server's message names the field in Chinese, never by its JSON name.
    const noPlace = await admin.post('/api/activities', { ...body, place: '' });
    expect(noPlace.json().error.message).toBe('地点：请填写活动地点');
    expect(await rows()).toEqual(start);
  });

  it('exports the statistics as a workbook with the same rows and sums', async () => {
    const admin = await env().login('admin');
    const q2 = await list(admin, 'period=2023-Q2');
    const res = await admin.get('/api/activities/export?period=2023-Q2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const buffer = res.rawPayload;
    const detail = await sheetRows(buffer, '活动明细');
    expect(detail[0]?.[0]).toBe('宣传活动统计（2023-Q2）');
    expect(detail[1]?.slice(0, 4)).toEqual(['日期', '活动名称', '主题', '举办单位']);
    expect(detail.slice(2, -1).map((r) => r[1])).toEqual(q2.rows.map((r) => r.title));
    const total = detail[detail.length - 1] ?? [];
    expect(total[0]).toBe('合计');
    expect(total.slice(7, 13)).toEqual(ACTIVITY_COUNT_KEYS.map((k) => q2.totals[k]));
    const streets = await sheetRows(buffer, '按街道汇总');
    expect(streets.slice(2).map((r) => [r[0], r[1]])).toEqual([
      ...q2.byStreet.map((g) => [g.name, g.totals.activities]),
      ['合计', q2.totals.activities],
    ]);
    const months = await sheetRows(buffer, '按月汇总');
    expect(months.slice(2).map((r) => r[0])).toEqual(['2023-04', '2023-05', '2023-06']);
    const csv = await admin.get('/api/activities/export?period=2023-Q2&format=csv');
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[1]).toContain('日期,活动名称,主题');
  });

  it('imports a street’s events from its workbook at once, refuses a bad one whole naming row and column, and never twice', async () => {
    const street = await env().login('street'); // 龙兴街道
    const template = await street.get('/api/activities/template');
    expect(template.statusCode).toBe(200);
    const headers = (await sheetRows(template.rawPayload, '宣传活动'))[0] ?? [];
    expect(headers.slice(0, 5)).toEqual(['单位编码', '活动名称', '主题', '日期', '地点']);
    const units = (await sheetRows(template.rawPayload, '可登记单位')).slice(1).map((r) => r[0]);
    expect(units).toContain('LX-DY');
    expect(units).not.toContain('RML-HZ');

    /** A workbook of the template's columns; a Date value is written as an Excel date cell. */
    const book = async (rows: (string | number | Date)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('宣传活动');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (content: Buffer) =>
      street.request({
        method: 'POST',
        url: '/api/activities/import',
        ...multipartFiles([{ name: '宣传活动.xlsx', content }]),
      });
    const good = [
      [
        'LX-DY',
        '大营村禁毒宣传',
        '平安建设',
        new Date(Date.UTC(2023, 9, 18)),
        '大营村广场',
        '派出所',
        '',
        4,
        2,
        1,
        3,
        260,
        30,
      ],
      ['LX', '龙兴街道宪法宣传周', '法治宣传', '2023/12/5', '街道广场', '', '', 12, 4, 3, 8, 900, 120],
    ];
    const rowsBefore = await countRows(env().database, 'activities');
    const bad = await upload(
      await book([
        ...good,
        ['RML-HZ', '别的街道的村', '法治宣传', '2023-06-01', '何庄村', '', '', 1, 0, 0, 0, 0, 0],
        ['LX-SZ', '', '法治宣传', '2023-02-30', '孙庄村', '', '', -1, 0, 0, 0, 'many', 0],
        ['LX-DY', '大营村禁毒宣传', '平安建设', '2023-10-18', '大营村广场', '', '', 0, 0, 0, 0, 0, 0],
        ['LX-ZZ', '未来的活动', '法治宣传', '2099-01-01', '张庄村', '', '', 0, 0, 0, 0, 0, 0],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    const where = (bad.json().error.details as { row: number; column: string }[]).map(
      (d) => `${d.row}!${d.column}`,
    );
    expect(where).toEqual(
      expect.arrayContaining([
        '4!单位编码',
        '5!活动名称',
        '5!日期',
        '5!出动工作人员',
        '5!发放宣传资料',
        '6!活动名称',
        '7!日期',
      ]),
    );
    expect(await countRows(env().database, 'activities')).toBe(rowsBefore);

    const ok = await upload(await book(good));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 2, from: '2023-10-18', to: '2023-12-05' });
    const q4 = await list(street, 'period=2023-Q4');
    // The Excel date cell kept its day.
    expect(q4.rows.find((r) => r.title === '大营村禁毒宣传')).toMatchObject({
      heldOn: '2023-10-18',
      unit: { code: 'LX-DY' },
      counts: { staff: 4, banners: 2, desks: 1, boards: 3, leaflets: 260, consultations: 30 },
    });
    expect(q4.rows.find((r) => r.title === '龙兴街道宪法宣传周')?.heldOn).toBe('2023-12-05');
    // The same file again adds nothing: each row is named as already recorded.
    const again = await upload(await book(good));
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toHaveLength(2);
    expect(await countRows(env().database, 'activities')).toBe(rowsBefore + 2);
    // An inspector records nothing, so imports nothing.
    const inspector = await env().login('inspector');
    const refused = await inspector.request({
      method: 'POST',
      url: '/api/activities/import',
      ...multipartFiles([{ name: '宣传活动.xlsx', content: await book(good) }]),
    });
    expect(refused.statusCode).toBe(403);
  });
});
