import { describe, expect, it } from 'vitest';
import { chinaDate, daysBetween, isOverdue, problemFigures, sheetItemPoints } from './sheet';

describe('sheetItemPoints', () => {
  it('rescales the star total of a sheet to the item maximum', () => {
    expect(
      sheetItemPoints(
        [
          { points: 20, max: 25 },
          { points: 25, max: 25 },
        ],
        100,
      ),
    ).toBe(90);
    expect(sheetItemPoints([{ points: 7, max: 10 }], 100)).toBe(70);
  });
  it('gives a whole total on the item scale back exactly (no rounding error from dividing first)', () => {
    for (let total = 0; total <= 100; total++) {
      const lines = [0, 1, 2, 3].map((i) => ({ points: Math.min(25, Math.max(0, total - 25 * i)), max: 25 }));
      expect(sheetItemPoints(lines, 100)).toBe(total);
    }
  });
  it('clamps each line to its own maximum before adding', () => {
    expect(
      sheetItemPoints(
        [
          { points: 40, max: 25 },
          { points: -5, max: 25 },
        ],
        100,
      ),
    ).toBe(50);
  });
  it('gives 0 with no lines or no maximum', () => {
    expect(sheetItemPoints([], 100)).toBe(0);
    expect(sheetItemPoints([{ points: 5, max: 10 }], 0)).toBe(0);
  });
});

describe('problem figures', () => {
  it('counts days between dates across a month end', () => {
    expect(daysBetween('2023-01-30', '2023-02-02')).toBe(3);
  });
  it('treats the deadline day as still in time', () => {
    expect(isOverdue({ raisedOn: '2023-01-01', deadline: '2023-01-10', closedOn: null }, '2023-01-10')).toBe(
      false,
    );
    expect(isOverdue({ raisedOn: '2023-01-01', deadline: '2023-01-10', closedOn: null }, '2023-01-11')).toBe(
      true,
    );
  });
  it('computes notified, closed, closure rate, overdue and mean days to close', () => {
    const f = problemFigures(
      [
        { raisedOn: '2023-01-01', deadline: '2023-01-15', closedOn: '2023-01-11' },
        { raisedOn: '2023-01-01', deadline: '2023-01-15', closedOn: '2023-01-21' },
        { raisedOn: '2023-01-01', deadline: '2023-01-15', closedOn: null },
        { raisedOn: '2023-02-01', deadline: '2023-03-15', closedOn: null },
      ],
      '2023-02-10',
    );
    expect(f).toEqual({ notified: 4, closed: 2, closureRate: 50, overdue: 1, avgDaysToClose: 15 });
  });
  it('has no rate or mean with nothing to divide', () => {
    expect(problemFigures([], '2023-01-01')).toEqual({
      notified: 0,
      closed: 0,
      closureRate: null,
      overdue: 0,
      avgDaysToClose: null,
    });
  });
});

describe('chinaDate', () => {
  it('is the calendar date in UTC+8, rolling over at 16:00 UTC', () => {
    expect(chinaDate('2023-10-31T15:59:59.999Z')).toBe('2023-10-31');
    expect(chinaDate('2023-10-31T16:00:00.000Z')).toBe('2023-11-01');
    expect(chinaDate('2023-12-31T20:00:00+00:00')).toBe('2024-01-01');
  });
  it('refuses a malformed instant', () => {
    expect(() => chinaDate('not a time')).toThrow(RangeError);
  });
});
