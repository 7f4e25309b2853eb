import { format2 } from '@wuxing/core/rounding';
import { Flex, Tag, Typography } from 'antd';
import type { TalkStatus, WarningLevel, WarningView } from '../../api/types';
import { useWarningsI18n } from './i18n';

/** Where a warning opens: its page, in its campaign. */
export const warningUrl = (campaign: string, id: string) =>
  `/warnings/${encodeURIComponent(id)}?campaign=${encodeURIComponent(campaign)}`;

export const LEVEL_COLORS: Record<WarningLevel, string> = { yellow: '#d48806', red: '#cf1322' };

const tagStyle = { marginInlineEnd: 0 };

/** 黄色预警 / 红色预警, in their colours. */
export function LevelTag({ level }: { level: WarningLevel }) {
  const { t } = useWarningsI18n();
  return (
    <Tag color={level === 'red' ? 'error' : 'gold'} style={tagStyle} data-level={level}>
      {t(`warnings.level.${level}`)}
    </Tag>
  );
}

const TALK_COLORS: Record<TalkStatus, string> = {
  pending: 'blue',
  overdue: 'error',
  done: 'success',
  late: 'orange',
  waived: 'default',
};

/** Where the reminder talk stands; an overdue one in red with its days. */
export function TalkTag({ w }: { w: Pick<WarningView, 'talkStatus' | 'talkDaysLeft'> }) {
  const { t } = useWarningsI18n();
  const days = w.talkDaysLeft ?? 0;
  const text =
    w.talkStatus === 'pending'
      ? days === 0
        ? t('warnings.talk.pendingToday')
        : t('warnings.talk.pending', { days })
      : w.talkStatus === 'overdue'
        ? t('warnings.talk.overdue', { days: -days })
        : t(`warnings.talk.${w.talkStatus}`);
  return (
    <Tag color={TALK_COLORS[w.talkStatus]} style={tagStyle} data-talk={w.talkStatus}>
      {text}
    </Tag>
  );
}

/** The figures that triggered the warning, one line per rule met. */
export function Figures({ w }: { w: Pick<WarningView, 'reasons' | 'rank' | 'total' | 'rate' | 'overdue'> }) {
  const { t } = useWarningsI18n();
  return (
    <Flex vertical gap={2}>
      {w.reasons.map((r) => (
        <Typography.Text key={r} style={{ fontSize: 13 }}>
          {t(`warnings.reason.${r}`, {
            rank: w.rank,
            total: w.total,
            overdue: w.overdue,
            rate: w.rate === null ? '—' : format2(w.rate),
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** `2023-Q1` as 2023年第1季度 / 2023 Q1. */
export function quarterLabel(period: string, lang: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!m) return period;
  return lang === 'zh' ? `${m[1]}年第${m[2]}季度` : `${m[1]} Q${m[2]}`;
}
