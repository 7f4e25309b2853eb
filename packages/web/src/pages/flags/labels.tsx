import { Tag, Typography } from 'antd';
import type { FlagCapView, FlagStatus } from '../../api/types';
import { useI18n } from '../../i18n';

/** Points without trailing zeros: 10, 2.5. */
export function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}

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
    const over = cap.awarded - cap.budget;
    if (cap.capped)
      return over > 0
        ? t('flags.cap.cappedOver', {
            effective: points(cap.effective),
            budget: points(cap.budget),
            over: points(over),
          })
        : t('flags.cap.capped', { effective: points(cap.effective), budget: points(cap.budget) });
    return t('flags.cap.counted', { awarded: points(cap.awarded), budget: points(cap.budget) });
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
