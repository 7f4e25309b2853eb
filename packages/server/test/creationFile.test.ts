import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { uploadJpeg } from './supervisionHelpers';

/** 创建档案: a village keeps per target star its measures and progress with photos; its readers see it. */
describeEachDialect('创建档案 creation files', (env) => {
  const url = (unit: string) => `/api/campaigns/WX2023/units/${unit}/creation-file`;
  let n = 0;
  const key = (label: string) => `creation-${label}-${++n}`;

  it('the village adds a measure and a progress report with a photo; the street and its inspector read them', async () => {
    const village = await env().login('village'); // 何庄村 RML-HZ
    const before = await village.get(url('RML-HZ'));
    expect(before.statusCode, before.body).toBe(200);
    const file = before.json() as { stars: { star: string }[]; can: { add: boolean } };
    expect(file.can.add).toBe(true);
    expect(file.stars.map((s) => s.star)).toContain('ZB');
    const star = file.stars[file.stars.length - 1]?.star ?? 'ZB';

    const measure = {
      idempotencyKey: key('m'),
      star,
      kind: 'measure',
      text: '成立创星工作专班，书记牵头，每周调度一次',
    };
    const added = await village.post(url('RML-HZ'), measure);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().replayed).toBe(false);
    const photoKey = await uploadJpeg(village, 'RML-HZ', key('photo'));
    const progress = {
      idempotencyKey: key('p'),
      star,
      kind: 'progress',
      text: '党员活动室改造完成，制度上墙',
      percent: 60,
      photoKeys: [photoKey],
    };
    const reported = await village.post(url('RML-HZ'), progress);
    expect(reported.statusCode, reported.body).toBe(200);
    interface Part {
      star: string;
      measures: { text: string }[];
      progress: { text: string; percent: number; photos: { key: string }[]; enteredByName: string }[];
      percent: number | null;
    }
    const part = (reported.json().file.stars as Part[]).find((s) => s.star === star) as Part;
    expect(part.measures.map((m) => m.text)).toContain(measure.text);
    expect(part.progress[0]).toMatchObject({ text: progress.text, percent: 60 });
    expect(part.progress[0]?.photos.map((p) => p.key)).toEqual([photoKey]);
    expect(part.percent).toBe(60);

    // The retry is the same entry; the same key with other content is refused.
    const retry = await village.post(url('RML-HZ'), progress);
    expect(retry.json().replayed).toBe(true);
    const other = await village.post(url('RML-HZ'), { ...progress, percent: 70 });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.field).toBe('idempotencyKey');

    // The street admin of 人民路街道 (made here: the demo has none) and the district read it; nobody else adds.
    const admin = await env().login('admin');
    const seen = await admin.get(url('RML-HZ'));
    expect(seen.statusCode).toBe(200);
    expect(JSON.stringify(seen.json())).toContain(progress.text);
    const inspector = await env().login('inspector-rml');
    const read = await inspector.get(url('RML-HZ'));
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().can.add).toBe(false);
    expect((await inspector.post(url('RML-HZ'), { ...measure, idempotencyKey: key('x') })).statusCode).toBe(
      403,
    );

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'creationFile.add')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      unit: 'RML-HZ',
      kind: 'progress',
      percent: 60,
    });
  });

  it('names the field when an entry is wrong', async () => {
    const village = await env().login('village');
    const post = (body: Record<string, unknown>) =>
      village.post(url('RML-HZ'), {
        idempotencyKey: key('bad'),
        star: 'ZB',
        kind: 'measure',
        text: '措施',
        ...body,
      });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ star: 'NOPE' }, 'star', 'NOPE 不是本单位的创建目标星'],
      [{ kind: 'plan' }, 'kind', '类型只能是创建措施或进展情况'],
      [{ text: '   ' }, 'text', '请填写内容'],
      [{ kind: 'progress' }, 'percent', '请填写完成进度'],
      [{ kind: 'progress', percent: 101 }, 'percent', '完成进度不能超过100'],
      [{ percent: 50 }, 'percent', '只有进展情况填写完成进度'],
      [{ photoKeys: ['never-uploaded-key'] }, 'photoKeys', '照片尚未上传'],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
      expect(res.json().error.message).toContain(message);
    }
    // Another village's photo is not this village's evidence.
    const other = await env().login('admin');
    const foreign = await uploadJpeg(other, 'LX-LX', key('foreign'));
    const res = await post({ photoKeys: [foreign] });
    expect(res.json().error.field).toBe('photoKeys');
  });

  it('the demo files 龙兴街道’s villages: every target star has its measures and a progress report', async () => {
    const admin = await env().login('admin');
    const res = await admin.get(url('LX-LX'));
    expect(res.statusCode, res.body).toBe(200);
    const stars = res.json().stars as { measures: unknown[]; progress: unknown[]; percent: number | null }[];
    expect(stars.length).toBeGreaterThan(0);
    for (const s of stars) {
      expect(s.measures.length).toBeGreaterThan(0);
      expect(s.progress.length).toBeGreaterThan(0);
      expect(s.percent).toBeGreaterThan(0);
    }
  });
});
