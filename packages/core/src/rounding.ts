/**
 * Rounds |x| to hundredths the way a person does on paper (四舍五入, half away from zero), reading x as
 * its 15-significant-digit decimal so binary artefacts (1.005 is stored as 1.00499…) do not leak in.
 * Returns the count of hundredths as a BigInt, or null for non-finite input.
 */
function hundredths(x: number): { negative: boolean; n: bigint } | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return { negative: false, n: 0n };
  const negative = x < 0;
  // 15 significant digits: d.dddddddddddddde±k
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential(14).split('e');
  const digits = mantissa.replace('.', '');
  // |x| · 100 = digits · 10^shift
  const shift = Number(exponent) + 2 - (digits.length - 1);
  if (shift >= 0) return { negative, n: BigInt(digits) * 10n ** BigInt(shift) };
  const keep = digits.length + shift;
  if (keep < 0) return { negative, n: 0n };
  const kept = keep === 0 ? 0n : BigInt(digits.slice(0, keep));
  const next = digits.charCodeAt(keep) - 48;
  return { negative, n: next >= 5 ? kept + 1n : kept };
}

/**
 * Rounds to 2 decimals half up as a person would (15.625 → 15.63, 1.005 → 1.01, −1.005 → −1.01), so
 * displayed scores, ranking ties and exports agree with a hand calculation. Non-finite input is returned as is.
 */
export function round2(x: number): number {
  // Fast path: away from a half-hundredth boundary the float rounds exactly as its decimal reading does.
  const ax = x < 0 ? -x : x;
  if (ax < 1e6) {
    const scaled = ax * 100;
    const frac = scaled - Math.floor(scaled);
    if (frac < 0.499999 || frac > 0.500001) {
      const value = Math.round(scaled) / 100;
      return value === 0 ? 0 : x < 0 ? -value : value;
    }
  }
  return round2Exact(x);
}

/** round2 by the decimal reading alone (the reference the fast path must agree with). */
export function round2Exact(x: number): number {
  const h = hundredths(x);
  if (h === null) return x;
  if (h.n === 0n) return 0;
  const value = Number(h.n) / 100;
  return h.negative ? -value : value;
}

/** Formats a score with exactly 2 decimals after round2 ('15.63', '7.00'), for display and export. */
export function format2(x: number): string {
  const h = hundredths(x);
  if (h === null) return String(x);
  const whole = h.n / 100n;
  const frac = (h.n % 100n).toString().padStart(2, '0');
  return `${h.negative && h.n !== 0n ? '-' : ''}${whole}.${frac}`;
}
