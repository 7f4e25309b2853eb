import type { MatrixRow } from './authz.matrix';

/** The authorisation matrix rows of the courtyard routes. */
export const COURTYARD_MATRIX: MatrixRow[] = [];
