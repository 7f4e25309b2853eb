import type { MatrixRow } from './authz.matrix';

/** One row per route of flag awards, vetoes and star-rating confirmation; spread into MATRIX. */
export const RATING_MATRIX: MatrixRow[] = [];
