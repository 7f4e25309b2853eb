import type { MatrixRow } from './authz.matrix';

/** The authorisation matrix rows of the contest routes. */
export const CONTEST_MATRIX: MatrixRow[] = [];
