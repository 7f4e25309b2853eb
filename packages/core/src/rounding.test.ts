import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format2, round2, round2Exact } from './rounding';

describe('round2', () => {
  it.each([
    [15.625, 15.63],
    [1.005, 1.01],
    [2.675, 2.68],
    [-1.005, -1.01],
    [1.004999, 1],
    [5.674, 5.67],
    [5.675, 5.68],
    [0.005, 0.01],
    [0.0049, 0],
    [91.42857142857143, 91.43],
    [17.316666666666666, 17.32],
    [0.1 + 0.2, 0.3],
    [1e-7, 0],
    [123456789.125, 123456789.13],
    [1e20, 1e20],
    [-0.001, 0],
  ])('round2(%s) = %s', (x, expected) => {
    expect(round2(x)).toBe(expected);
  });

  it('never returns −0 and passes non-finite values through', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(Object.is(round2(-0), 0)).toBe(true);
    expect(round2(Number.NaN)).toBeNaN();
    expect(round2(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const once = round2(x);
        expect(round2(once)).toBe(once);
      }),
    );
  });

  it('is within half a hundredth of the input and odd-symmetric (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (x) => {
        expect(Math.abs(round2(x) - x)).toBeLessThanOrEqual(0.005 + 1e-6);
        expect(round2(-x)).toBe(-round2(x) || 0);
      }),
    );
  });

  it('rounds any exact two-and-a-half-decimal number up (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        // n.5 hundredths written as a decimal string, e.g. 1562.5 → 15.625 → 15.63
        expect(round2(Number(`${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}5`))).toBe(
          (n + 1) / 100,
        );
      }),
    );
  });
});

describe('format2', () => {
  it.each([
    [15.625, '15.63'],
    [7, '7.00'],
    [1.005, '1.01'],
    [-1.005, '-1.01'],
    [0.1, '0.10'],
    [-0.001, '0.00'],
    [91.42857142857143, '91.43'],
    [1e21, '1000000000000000000000.00'],
  ])('format2(%s) = %s', (x, expected) => {
    expect(format2(x)).toBe(expected);
  });

  it('agrees with round2 (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (x) => {
        expect(Number(format2(x))).toBe(round2(x));
      }),
    );
  });
});

describe('round2 fast path', () => {
  it('agrees with the decimal-reading reference on random doubles, halves and hundredths', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -2e6, max: 2e6 }), (x) => {
        expect(Object.is(round2(x), round2Exact(x)) || round2(x) === round2Exact(x)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (n) => {
        for (const x of [n / 1000, (n + 0.5) / 100, n / 100]) expect(round2(x)).toBe(round2Exact(x));
      }),
      { numRuns: 20_000 },
    );
  });
});
