import { Flex, Progress, Tag, Typography } from 'antd';
import type { RoundKind, RoundMode, RoundSummaryView } from '../../api/types';
import { useI18n } from '../../i18n';

const KIND_COLORS: Record<RoundKind, string> = {
  supervision: 'red',
  observation: 'gold',
  special: 'blue',
  acceptance: 'green',
};

const tagStyle = { marginInlineEnd: 0 };

/** 督导 / 观摩评比 / 专项督查 / 年度验收. */
export function KindTag({ kind }: { kind: RoundKind }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLORS[kind]} style={tagStyle}>
      {t(`supervision.kind.${kind}`)}
    </Tag>
  );
}

/** 明察暗访 / 突击检查; nothing for a regular round. */
export function ModeTag({ mode }: { mode: RoundMode }) {
  const { t } = useI18n();
  if (mode === 'regular') return null;
  return (
    <Tag color={mode === 'covert' ? 'purple' : 'volcano'} variant="outlined" style={tagStyle}>
      {t(`supervision.mode.${mode}`)}
    </Tag>
  );
}

/** 进行中 / 已结束. */
export function RoundStatusTag({ status }: { status: RoundSummaryView['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} style={tagStyle}>
      {t(`supervision.roundStatus.${status}`)}
    </Tag>
  );
}

/** "5/7" with a progress bar: units with at least one submitted sheet of all units. */
export function Coverage({
  done,
  total,
  label,
  width,
}: {
  done: number;
  total: number;
  label?: string;
  width?: number | string;
}) {
  const { t } = useI18n();
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <Flex vertical gap={0} style={{ width: width ?? 160, minWidth: 0 }}>
      <Flex justify="space-between" gap={8}>
        {label && (
          <Typography.Text ellipsis style={{ fontSize: 13 }}>
            {label}
          </Typography.Text>
        )}
        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13, whiteSpace: 'nowrap' }}>
          {t('supervision.coverageValue', { done, total })}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={done >= total && total > 0 ? 'success' : 'active'}
        aria-label={t('supervision.coverageAria', { label: label ?? '', done, total })}
      />
    </Flex>
  );
}
