import type { MatrixRow } from './authz.matrix';
import { CONTEST_LIVE_MATRIX } from './contestLive.authz.matrix';

/** The authorisation matrix rows of the contest routes. */
export const CONTEST_MATRIX: MatrixRow[] = [...CONTEST_LIVE_MATRIX];
