/** Chinese messages of the supervision, problem-ledger and statistics screens (spread into zh). */
export const problemsZh = {
  'menu.supervision': '督导观摩',
  'menu.problems': '问题台账',
  'menu.problemStats': '整改统计',
} as const satisfies Record<string, string>;
