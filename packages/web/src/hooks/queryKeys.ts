/** Query keys in one place so mutations invalidate exactly what they change. */
export const queryKeys = {
  meta: ['meta'] as const,
  session: ['session'] as const,
  units: ['units'] as const,
  unit: (id: string) => ['units', 'detail', id] as const,
  contestGroups: ['contest-groups'] as const,
  users: ['users'] as const,
  audit: (entity: string | undefined) => ['audit', entity ?? ''] as const,
  /** Everything computed from a campaign's model or ledger starts with this, so one write refreshes it all. */
  campaignData: (code: string) => ['campaign', code] as const,
  campaigns: ['campaigns'] as const,
  campaign: (code: string) => ['campaign', code, 'detail'] as const,
  targets: (code: string) => ['campaign', code, 'targets'] as const,
  ranking: (code: string, period: string, level: string, street: string) =>
    ['campaign', code, 'ranking', period, level, street] as const,
  profile: (code: string, unit: string, period: string) =>
    ['campaign', code, 'profile', unit, period] as const,
  scoreSheet: (code: string, unit: string, month: string) =>
    ['campaign', code, 'sheet', unit, month] as const,
  itemEntries: (code: string, unit: string, item: string) =>
    ['campaign', code, 'entries', unit, item] as const,
};
