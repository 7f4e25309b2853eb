import { Tag } from 'antd';
import type { RoundKind, RoundMode, RoundSummaryView } from '../../api/types';
import { type Translate, useI18n } from '../../i18n';

const KIND_COLORS: Record<RoundKind, string> = {
  supervision: 'blue',
  observation: 'purple',
  special: 'cyan',
  acceptance: 'green',
};

/** 督导 / 观摩评比 / 专项督查 / 年度验收, and 明察暗访 / 突击检查 when the round is one. */
export function RoundTags({ kind, mode }: { kind: RoundKind; mode: RoundMode }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
        {t(`onsite.kind.${kind}`)}
      </Tag>
      {mode !== 'regular' && (
        <Tag color={mode === 'covert' ? 'magenta' : 'orange'} style={{ marginInlineEnd: 0 }}>
          {t(`onsite.mode.${mode}`)}
        </Tag>
      )}
    </>
  );
}

/** What a round's sheets count for: 计入 2023-12 得分, 计入 2023 年度考核 (年度验收), or 不计分. */
export function scoredLabel(
  t: Translate,
  round: Pick<RoundSummaryView, 'kind' | 'scored' | 'month'>,
): string {
  if (!round.scored) return t('onsite.unscored');
  return round.kind === 'acceptance'
    ? t('onsite.scoredAnnual', { year: round.month.slice(0, 4) })
    : t('onsite.scoredMonth', { month: round.month });
}

export type UnitStatus =
  | { kind: 'todo' }
  | { kind: 'draft' }
  | { kind: 'pending' }
  | { kind: 'attention' }
  | { kind: 'submitted'; version: number };

/** Where the inspector's own sheet for a unit stands. */
export function UnitStatusTag({ status }: { status: UnitStatus }) {
  const { t } = useI18n();
  const style = { marginInlineEnd: 0 };
  switch (status.kind) {
    case 'todo':
      return <Tag style={style}>{t('onsite.status.todo')}</Tag>;
    case 'draft':
      return (
        <Tag color="processing" style={style}>
          {t('onsite.status.draft')}
        </Tag>
      );
    case 'pending':
      return (
        <Tag color="warning" style={style}>
          {t('onsite.status.pending')}
        </Tag>
      );
    case 'attention':
      return (
        <Tag color="error" style={style}>
          {t('onsite.status.attention')}
        </Tag>
      );
    default:
      return (
        <Tag color="success" style={style}>
          {t('onsite.status.submitted', { version: status.version })}
        </Tag>
      );
  }
}
