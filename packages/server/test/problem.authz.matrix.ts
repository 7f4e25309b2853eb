import type { MatrixRow } from './authz.matrix';

/** One row per route of the problem ledger, statistics and notices; spread into MATRIX. */
export const PROBLEM_MATRIX: MatrixRow[] = [];
