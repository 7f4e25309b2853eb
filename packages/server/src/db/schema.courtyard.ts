/** The 五美庭院 tables (migration 0012). */
// biome-ignore lint/complexity/noBannedTypes: filled by the courtyard migration
export type CourtyardTables = {};
