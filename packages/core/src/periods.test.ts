import { describe, expect, it } from 'vitest';
import {
  isMonth,
  monthEnd,
  monthsOf,
  PeriodError,
  parsePeriod,
  periodsOfYear,
  previousPeriod,
} from './periods';

describe('parsePeriod', () => {
  it('parses months, quarters and years', () => {
    expect(parsePeriod('2023-01')).toEqual({
      kind: 'month',
      key: '2023-01',
      year: 2023,
      start: '2023-01',
      end: '2023-01',
    });
    expect(parsePeriod('2023-Q2')).toEqual({
      kind: 'quarter',
      key: '2023-Q2',
      year: 2023,
      start: '2023-04',
      end: '2023-06',
    });
    expect(parsePeriod('2023')).toEqual({
      kind: 'year',
      key: '2023',
      year: 2023,
      start: '2023-01',
      end: '2023-12',
    });
  });

  it.each(['', '2023-13', '2023-00', '2023-1', '2023-Q5', '2023-Q0', '23', '2023-q1', 'abcd', '2023-01-01'])(
    'rejects %j with a Chinese PeriodError',
    (bad) => {
      expect(() => parsePeriod(bad)).toThrow(PeriodError);
      expect(() => parsePeriod(bad)).toThrow(/无效的期间/);
    },
  );
});

describe('previousPeriod', () => {
  it('steps back within the year and stops at its start', () => {
    expect(previousPeriod(parsePeriod('2023-05'))?.key).toBe('2023-04');
    expect(previousPeriod(parsePeriod('2023-01'))).toBeNull();
    expect(previousPeriod(parsePeriod('2023-Q3'))?.key).toBe('2023-Q2');
    expect(previousPeriod(parsePeriod('2023-Q1'))).toBeNull();
    expect(previousPeriod(parsePeriod('2023'))?.key).toBe('2022');
  });
});

describe('monthsOf / periodsOfYear', () => {
  it('lists the months of each kind of period', () => {
    expect(monthsOf(parsePeriod('2023-02'))).toEqual(['2023-02']);
    expect(monthsOf(parsePeriod('2023-Q4'))).toEqual(['2023-10', '2023-11', '2023-12']);
    expect(monthsOf(parsePeriod('2023'))).toHaveLength(12);
  });

  it('lists the periods of a year in order', () => {
    expect(periodsOfYear(2023, 'month').map((p) => p.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`),
    );
    expect(periodsOfYear(2023, 'quarter').map((p) => p.end)).toEqual([
      '2023-03',
      '2023-06',
      '2023-09',
      '2023-12',
    ]);
    expect(periodsOfYear(2023, 'year').map((p) => p.key)).toEqual(['2023']);
    expect(() => periodsOfYear(23.5, 'month')).toThrow(PeriodError);
  });
});

describe('isMonth / monthEnd', () => {
  it('recognises YYYY-MM only', () => {
    expect(isMonth('2023-12')).toBe(true);
    expect(isMonth('2023-13')).toBe(false);
    expect(isMonth('2023-1')).toBe(false);
    expect(isMonth('2023-Q1')).toBe(false);
  });

  it('gives the last calendar day, leap years included', () => {
    expect(monthEnd('2023-01')).toBe('2023-01-31');
    expect(monthEnd('2023-02')).toBe('2023-02-28');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('1900-02')).toBe('1900-02-28');
    expect(monthEnd('2000-02')).toBe('2000-02-29');
    expect(monthEnd('2023-04')).toBe('2023-04-30');
    expect(() => monthEnd('2023-4')).toThrow(PeriodError);
  });
});
