/** Query keys in one place so mutations invalidate exactly what they change. */
export const queryKeys = {
  meta: ['meta'] as const,
  session: ['session'] as const,
  units: ['units'] as const,
  unit: (id: string) => ['units', 'detail', id] as const,
  contestGroups: ['contest-groups'] as const,
  users: ['users'] as const,
  audit: (entity: string | undefined) => ['audit', entity ?? ''] as const,
};
