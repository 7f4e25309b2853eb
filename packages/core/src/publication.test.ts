import { describe, expect, it } from 'vitest';
import { isWorkingDay, objectionWindowEnd, objectionWindowOpen } from './publication';

describe('objection window (公示期)', () => {
  it('counts five working days after the publishing day', () => {
    // Monday → the next Monday.
    expect(objectionWindowEnd('2023-04-10')).toBe('2023-04-17');
    // Friday → the next Friday (the weekend does not count).
    expect(objectionWindowEnd('2023-04-07')).toBe('2023-04-14');
    // Wednesday → the next Wednesday.
    expect(objectionWindowEnd('2023-04-12')).toBe('2023-04-19');
  });

  it('publishing on a weekend starts counting on Monday', () => {
    expect(objectionWindowEnd('2023-04-08')).toBe('2023-04-14');
    expect(objectionWindowEnd('2023-04-09')).toBe('2023-04-14');
  });

  it('takes another length and crosses months and years', () => {
    expect(objectionWindowEnd('2023-04-10', 1)).toBe('2023-04-11');
    expect(objectionWindowEnd('2023-04-14', 1)).toBe('2023-04-17');
    expect(objectionWindowEnd('2023-12-29', 3)).toBe('2024-01-03');
    expect(objectionWindowEnd('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('refuses bad input', () => {
    expect(() => objectionWindowEnd('2023-4-1')).toThrow(RangeError);
    expect(() => objectionWindowEnd('2023-04-10', 0)).toThrow(RangeError);
  });

  it('working days are Monday to Friday', () => {
    expect(['2023-04-10', '2023-04-14'].map(isWorkingDay)).toEqual([true, true]);
    expect(['2023-04-15', '2023-04-16'].map(isWorkingDay)).toEqual([false, false]);
  });

  it('is open through the last day, China time', () => {
    expect(objectionWindowOpen('2023-04-17', '2023-04-17T15:59:59.000Z')).toBe(true);
    expect(objectionWindowOpen('2023-04-17', '2023-04-17T16:00:00.000Z')).toBe(false);
    expect(objectionWindowOpen('2023-04-17', '2023-04-10T01:00:00.000Z')).toBe(true);
  });
});
