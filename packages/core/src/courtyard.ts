/**
 * 五美庭院 rules: the five standards, a household's score from its evaluations, level thresholds and quotas,
 * what a nomination or a demotion may do. The only place they live.
 */

/** The levels a demonstration household can be named at, lowest first. */
export const COURTYARD_LEVELS = ['village', 'street', 'district', 'city'] as const;
