import { Flex, Segmented, Select } from 'antd';
import { useI18n } from '../../i18n';
import { currentPeriod, kindOf, type PeriodKind, periodsOf } from '../period';
import { periodLabel } from './periodLabel';

/** Chooses a month, a quarter or the year of a campaign: a kind switch and the period of that kind. */
export function PeriodPicker({
  year,
  value,
  onChange,
  kinds = ['month', 'quarter', 'year'],
  block = false,
}: {
  year: number;
  value: string;
  onChange: (period: string) => void;
  kinds?: readonly PeriodKind[];
  block?: boolean;
}) {
  const { t } = useI18n();
  const kind = kindOf(value) ?? 'quarter';
  return (
    <Flex gap={8} wrap align="center" style={block ? { width: '100%' } : undefined}>
      <Segmented<PeriodKind>
        value={kind}
        onChange={(k) => onChange(currentPeriod(year, k))}
        options={kinds.map((k) => ({ value: k, label: t(`period.kind.${k}`) }))}
      />
      {kind !== 'year' && (
        <Select
          value={value}
          onChange={onChange}
          aria-label={t('period.pick')}
          style={{ width: kind === 'month' ? 130 : 170, flex: block ? 1 : undefined }}
          options={periodsOf(year, kind).map((p) => ({ value: p, label: periodLabel(p, t) }))}
        />
      )}
    </Flex>
  );
}
