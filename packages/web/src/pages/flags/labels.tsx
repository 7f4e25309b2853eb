import { Tag, Typography } from 'antd';
import type { FlagCapView, FlagStatus } from '../../api/types';
import { formatNumber } from '../../components/format';
import { useI18n } from '../../i18n';

export const FLAG_STATUSES: readonly FlagStatus[] = ['pending', 'approved', 'rejected'];

export const FLAG_STATUS_COLORS: Record<FlagStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
};

/** 待审批 / 已通过 / 已驳回. */
export function FlagStatusTag({ status }: { status: FlagStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={FLAG_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`flags.status.${status}`)}
    </Tag>
  );
}

/** Near the cap from this share of the budget on. */
const NEAR = 0.7;

export type CapLevel = 'capped' | 'near' | 'ok';

export function capLevel(cap: FlagCapView): CapLevel {
  if (cap.capped) return 'capped';
  return cap.budget > 0 && cap.awarded >= cap.budget * NEAR ? 'near' : 'ok';
}

/** The text of a unit×star bonus module: "已达上限 10/10 分，超出 2 分不计入" or "已计 6/10 分". */
export function useCapText() {
  const { t } = useI18n();
  return (cap: FlagCapView) => {
    // What does not count: awarded minus what core counts (its P for the bonus module).
    const over = cap.awarded - cap.effective;
    if (cap.capped)
      return over > 0
        ? t('flags.cap.cappedOver', {
            effective: formatNumber(cap.effective),
            budget: formatNumber(cap.budget),
            over: formatNumber(over),
          })
        : t('flags.cap.capped', { effective: formatNumber(cap.effective), budget: formatNumber(cap.budget) });
    return t('flags.cap.counted', { awarded: formatNumber(cap.awarded), budget: formatNumber(cap.budget) });
  };
}

/** The cap of an award's unit×star: red when capped, orange near it. */
export function CapIndicator({ cap }: { cap: FlagCapView }) {
  const text = useCapText()(cap);
  const level = capLevel(cap);
  if (level === 'capped')
    return (
      <Tag color="error" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }} data-testid="cap-indicator">
        {text}
      </Tag>
    );
  return (
    <Typography.Text
      type={level === 'near' ? 'warning' : 'secondary'}
      style={{ fontSize: 12 }}
      data-testid="cap-indicator"
    >
      {text}
    </Typography.Text>
  );
}
