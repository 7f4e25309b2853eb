import { Tag } from 'antd';
import type { ProblemSeverity, ProblemSource, ProblemStatus, ProblemView } from '../../api/types';
import { useI18n } from '../../i18n';

export const STATUSES: readonly ProblemStatus[] = ['open', 'submitted', 'reviewing', 'closed'];
export const SOURCES: readonly ProblemSource[] = [
  'supervision',
  'observation',
  'covert',
  'special',
  'acceptance',
  'objection',
];
export const SEVERITIES: readonly ProblemSeverity[] = ['minor', 'major', 'severe'];

const STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'red',
  submitted: 'blue',
  reviewing: 'purple',
  closed: 'green',
};

const SEVERITY_COLORS: Record<ProblemSeverity, string> = {
  minor: 'default',
  major: 'orange',
  severe: 'red',
};

const tagStyle = { marginInlineEnd: 0 };

/** 待整改 / 已提交整改 / 回头看 / 已销号. */
export function StatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={tagStyle}>
      {t(`problems.status.${status}`)}
    </Tag>
  );
}

/** 督导 / 观摩 / 明察暗访 / 专项督查 / 公示异议. */
export function SourceTag({ source }: { source: ProblemSource }) {
  const { t } = useI18n();
  return (
    <Tag variant="outlined" style={tagStyle}>
      {t(`problems.source.${source}`)}
    </Tag>
  );
}

/** 一般 / 较重 / 严重. */
export function SeverityTag({ severity }: { severity: ProblemSeverity }) {
  const { t } = useI18n();
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={tagStyle}>
      {t(`problems.severity.${severity}`)}
    </Tag>
  );
}

/** The red 逾期 N 天 tag of an overdue problem; nothing otherwise. */
export function OverdueTag({ problem }: { problem: Pick<ProblemView, 'overdue' | 'daysOverdue'> }) {
  const { t } = useI18n();
  if (!problem.overdue) return null;
  return (
    <Tag color="error" variant="solid" style={tagStyle}>
      {t('problems.overdueDays', { days: problem.daysOverdue })}
    </Tag>
  );
}
