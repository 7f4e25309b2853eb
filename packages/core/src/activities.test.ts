import { describe, expect, it } from 'vitest';
import { type ActivityCounts, dayInPeriod, sumActivities, totalsBy, totalsByMonth } from './activities';
import { parsePeriod } from './periods';

const counts = (c: Partial<ActivityCounts>): ActivityCounts => ({
  staff: 0,
  banners: 0,
  desks: 0,
  boards: 0,
  leaflets: 0,
  consultations: 0,
  ...c,
});

// The seed's two April events: 国家安全教育日 on 4月15日 and 民族宗教政策法规 on 4月20日.
const securityDay = {
  heldOn: '2023-04-15',
  unit: 'SL',
  counts: counts({ staff: 100, desks: 40, boards: 100, banners: 20, leaflets: 3000 }),
};
const ethnicPolicy = {
  heldOn: '2023-04-20',
  unit: 'LX',
  counts: counts({ banners: 40, desks: 20, leaflets: 2000, consultations: 300 }),
};
const june = { heldOn: '2023-06-03', unit: 'LX', counts: counts({ staff: 12, leaflets: 500 }) };

describe('outreach activity sums', () => {
  it('counts activities and sums each count', () => {
    expect(sumActivities([securityDay, ethnicPolicy])).toEqual({
      activities: 2,
      staff: 100,
      banners: 60,
      desks: 60,
      boards: 100,
      leaflets: 5000,
      consultations: 300,
    });
    expect(sumActivities([])).toMatchObject({ activities: 0, leaflets: 0 });
  });

  it('places a day in a month, quarter or year by its month', () => {
    expect(dayInPeriod('2023-04-15', parsePeriod('2023-04'))).toBe(true);
    expect(dayInPeriod('2023-04-30', parsePeriod('2023-Q2'))).toBe(true);
    expect(dayInPeriod('2023-07-01', parsePeriod('2023-Q2'))).toBe(false);
    expect(dayInPeriod('2022-12-31', parsePeriod('2023'))).toBe(false);
  });

  it('groups in the given order, zero for a group without activities, every month of the period present', () => {
    const all = [securityDay, ethnicPolicy, june];
    expect(totalsBy(all, ['LX', 'SL', 'GZ'], (i) => i.unit).map((g) => [g.key, g.totals.activities])).toEqual(
      [
        ['LX', 2],
        ['SL', 1],
        ['GZ', 0],
      ],
    );
    const q2 = totalsByMonth(all, parsePeriod('2023-Q2'));
    expect(q2.map((m) => [m.key, m.totals.activities, m.totals.leaflets])).toEqual([
      ['2023-04', 2, 5000],
      ['2023-05', 0, 0],
      ['2023-06', 1, 500],
    ]);
    expect(totalsByMonth(all, parsePeriod('2023-05'))[0]?.totals.activities).toBe(0);
  });
});
