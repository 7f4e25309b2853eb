import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { makeInspector, put, roundId, uploadJpeg } from './supervisionHelpers';

/**
 * An inspector sent to a unit by a round (its standing assignment lies in another street) reads what it found
 * there — the problem and its photo — while an inspector of that street who is not in the round still cannot.
 */
describeEachDialect('supervision: a round assignment lets its inspector read what it raised', (env) => {
  it('reads its own problem and photo in the round, and the unassigned inspector of its street still cannot', async () => {
    const admin = await env().login('admin');
    const guest = await makeInspector(env(), 'scope-guest', ['GZ']);
    const other = await makeInspector(env(), 'scope-other', ['GZ']);
    const gm = await roundId(admin, 'GM-2023-12');
    const current = (await admin.get(`/api/rounds/${gm}`)).json() as {
      units: { unitCode: string; inspectors: { username: string }[] }[];
    };
    const keep = current.units.flatMap((u) =>
      u.inspectors.filter((i) => i.username).map((i) => ({ unitCode: u.unitCode, username: i.username })),
    );
    const assigned = await put(admin, `/api/rounds/${gm}/assignments`, {
      assignments: [...keep, { unitCode: 'LX-LX', username: 'scope-guest' }],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const photoKey = await uploadJpeg(guest, 'LX-LX', 'scope-photo-000001');
    const raised = await guest.post('/api/problems', {
      idempotencyKey: 'scope-raise-000001',
      campaign: 'WX2023',
      unitCode: 'LX-LX',
      star: 'ZB',
      roundId: gm,
      description: '党员活动室制度未上墙',
      deadline: '2030-01-01',
      photoKeys: [photoKey],
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const id = raised.json().problem.id as string;

    const detail = await guest.get(`/api/problems/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const photo = detail.json().photos[0] as { url: string; thumbUrl: string };
    expect((await guest.get(photo.thumbUrl)).statusCode).toBe(200);

    expect((await other.get(`/api/problems/${id}`)).statusCode).toBe(403);
    expect((await other.get(photo.thumbUrl)).statusCode).toBe(403);
  });
});
