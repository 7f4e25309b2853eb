import type { problemsZh } from './problems.zh';

/** English messages of the supervision, problem-ledger and statistics screens (spread into en). */
export const problemsEn: Record<keyof typeof problemsZh, string> = {
  'menu.supervision': 'Supervision',
  'menu.problems': 'Problem ledger',
  'menu.problemStats': 'Rectification statistics',
};
