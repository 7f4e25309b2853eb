import { useMemo } from 'react';
import type { UnitView } from '../../api/types';
import { useUnits } from '../../hooks/useUnits';

const collator = new Intl.Collator('zh-CN', { numeric: true });
const ASSESSED = new Set(['village', 'community', 'department']);

/** Streets and assessed units (villages, communities, departments) the viewer can see, for pickers. */
export function useUnitOptions(enabled = true) {
  const units = useUnits(enabled);
  return useMemo(() => {
    const list = units.data ?? [];
    const byCode = new Map(list.map((u) => [u.code, u]));
    const sorted = (filter: (u: UnitView) => boolean) =>
      list.filter(filter).sort((a, b) => collator.compare(a.code, b.code));
    const streets = sorted((u) => u.type === 'street');
    const assessed = sorted((u) => ASSESSED.has(u.type));
    const nameOf = (code: string) => byCode.get(code)?.name ?? code;
    return {
      loading: units.isPending,
      streets,
      assessed,
      /** The assessed units as picker options, labelled 「街道 · 村」. */
      assessedOptions: assessed.map((u) => ({
        value: u.code,
        label: u.parentCode ? `${nameOf(u.parentCode)} · ${u.name}` : u.name,
      })),
      /** The assessed units of one street (all of them without a street). */
      unitsOf: (street: string | undefined) =>
        street ? assessed.filter((u) => u.parentCode === street) : assessed,
      nameOf,
    };
  }, [units.data, units.isPending]);
}
