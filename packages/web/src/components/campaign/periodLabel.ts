import type { Translate } from '../../i18n';
import { kindOf } from '../period';

/** A period key as people read it: 2023年4月, 2023年第二季度, 2023年度. */
export function periodLabel(key: string, t: Translate): string {
  const kind = kindOf(key);
  const year = key.slice(0, 4);
  if (kind === 'month') return t('period.month', { year, month: Number(key.slice(5, 7)) });
  if (kind === 'quarter')
    return t('period.quarter', { year, quarter: t(`period.q${key.slice(6, 7) as '1' | '2' | '3' | '4'}`) });
  return t('period.year', { year });
}
