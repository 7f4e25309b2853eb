import { describe, expect, it } from 'vitest';
import { isLateSubmission, needsReminder, taskEffectivePoints, taskItemPoints, taskState } from './tasks';

describe('daily tasks', () => {
  it('a submission is late only after the deadline day, in China time', () => {
    // 2023-05-31 23:30 in China is 15:30 UTC: still on time.
    expect(isLateSubmission('2023-05-31T15:30:00.000Z', '2023-05-31')).toBe(false);
    // 2023-06-01 00:10 in China is 16:10 UTC on the 31st: late.
    expect(isLateSubmission('2023-05-31T16:10:00.000Z', '2023-05-31')).toBe(true);
  });

  it('applies the late rule to what the reviewer awarded', () => {
    expect(taskEffectivePoints(8, 10, false, 'zero', 0)).toBe(8);
    expect(taskEffectivePoints(8, 10, true, 'accept', 50)).toBe(8);
    expect(taskEffectivePoints(8, 10, true, 'deduct', 25)).toBe(6);
    expect(taskEffectivePoints(8, 10, true, 'zero', 0)).toBe(0);
    expect(taskEffectivePoints(12, 10, false, 'accept', 0)).toBe(10);
    expect(taskEffectivePoints(-1, 10, false, 'accept', 0)).toBe(0);
    expect(taskEffectivePoints(8, 10, true, 'deduct', 150)).toBe(0);
  });

  it("rescales a month's tasks to the item, unscored ones counting 0, none scored giving null", () => {
    expect(taskItemPoints([], 10)).toBeNull();
    expect(taskItemPoints([{ max: 5, effective: null }], 10)).toBeNull();
    // 主题党日 5/5 and 三会一课 not scored yet: 5 of 10 asked → 5 of the item's 10.
    expect(
      taskItemPoints(
        [
          { max: 5, effective: 5 },
          { max: 5, effective: null },
        ],
        10,
      ),
    ).toBe(5);
    // A 20-point milestone scored 15 on a 10-point item: 7.5.
    expect(taskItemPoints([{ max: 20, effective: 15 }], 10)).toBe(7.5);
  });

  it("follows a unit's state from its submissions and reviews", () => {
    const base = { deadline: '2023-05-31', lastSubmittedAt: null, lastReview: null };
    expect(taskState(base, '2023-05-31')).toBe('pending');
    expect(taskState(base, '2023-06-01')).toBe('overdue');
    const sub = { ...base, lastSubmittedAt: '2023-05-20T02:00:00.000Z' };
    expect(taskState(sub, '2023-06-10')).toBe('submitted');
    const returned = { ...sub, lastReview: { outcome: 'returned' as const, at: '2023-05-21T02:00:00.000Z' } };
    expect(taskState(returned, '2023-06-10')).toBe('returned');
    expect(taskState({ ...returned, lastSubmittedAt: '2023-05-22T02:00:00.000Z' }, '2023-06-10')).toBe(
      'submitted',
    );
    expect(
      taskState({ ...sub, lastReview: { outcome: 'partial', at: '2023-05-21T02:00:00.000Z' } }, '2023-06-10'),
    ).toBe('scored');
  });

  it('reminds within the reminder window before the deadline, not after it or once submitted', () => {
    expect(needsReminder('pending', '2023-05-31', 3, '2023-05-27')).toBe(false);
    expect(needsReminder('pending', '2023-05-31', 3, '2023-05-28')).toBe(true);
    expect(needsReminder('pending', '2023-05-31', 3, '2023-05-31')).toBe(true);
    expect(needsReminder('overdue', '2023-05-31', 3, '2023-06-01')).toBe(false);
    expect(needsReminder('returned', '2023-05-31', 3, '2023-05-30')).toBe(true);
    expect(needsReminder('submitted', '2023-05-31', 3, '2023-05-30')).toBe(false);
  });
});
