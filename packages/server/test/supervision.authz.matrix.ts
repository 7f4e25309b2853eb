import type { MatrixRow } from './authz.matrix';

/** One row per route of the templates, rounds, sheets and photos; spread into MATRIX. */
export const SUPERVISION_MATRIX: MatrixRow[] = [];
