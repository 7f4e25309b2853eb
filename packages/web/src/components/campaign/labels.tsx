import { Tag } from 'antd';
import type { ScoreEntryView, UnitTargetsView } from '../../api/types';
import { useI18n } from '../../i18n';

/** Looks up star and module names of a campaign by code (codes stay out of the Chinese UI). */
export function namesOf(
  list: readonly { code: string; name: string }[] | undefined,
): (code: string) => string {
  const map = new Map((list ?? []).map((x) => [x.code, x.name]));
  return (code) => map.get(code) ?? code;
}

const SOURCE_COLORS: Record<ScoreEntryView['source'], string> = {
  manual: 'blue',
  import: 'default',
  correction: 'orange',
  sheet: 'green',
};

/** Where a ledger entry came from: 现场录入, 导入, 更正 or 评分表. */
export function SourceTag({ source }: { source: ScoreEntryView['source'] }) {
  const { t } = useI18n();
  return (
    <Tag color={SOURCE_COLORS[source]} style={{ marginInlineEnd: 0 }}>
      {t(`entries.source.${source}`)}
    </Tag>
  );
}

const TARGET_STATUS_COLORS: Record<UnitTargetsView['status'], string> = {
  none: 'default',
  declared: 'blue',
  approved: 'success',
  rejected: 'error',
};

/** A unit's 创建目标 status: 未申报, 待审核, 已通过 or 已驳回. */
export function TargetStatusTag({ status }: { status: UnitTargetsView['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={TARGET_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`targets.status.${status}`)}
    </Tag>
  );
}

/** Star names as small tags, in the campaign's order. */
export function StarTags({
  codes,
  starName,
  color = 'red',
  added,
}: {
  codes: readonly string[];
  starName: (code: string) => string;
  color?: string;
  /** When given, stars not in this list are marked as new (e.g. a declaration against the current targets). */
  added?: readonly string[];
}) {
  const { t } = useI18n();
  if (codes.length === 0) return <span className="wx-muted">{t('common.none')}</span>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {codes.map((c) => (
        <Tag
          key={c}
          color={color}
          variant={added && !added.includes(c) ? 'solid' : 'outlined'}
          style={{ marginInlineEnd: 0 }}
          title={added && !added.includes(c) ? t('targets.newStar') : undefined}
        >
          {added && !added.includes(c) ? t('targets.newStarTag', { name: starName(c) }) : starName(c)}
        </Tag>
      ))}
    </span>
  );
}

/** A two-decimal star score the server gave as a number (already rounded), shown as `16.20`. */
export function twoDecimals(value: number): string {
  return value.toFixed(2);
}
