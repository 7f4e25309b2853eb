import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useI18n } from '../../i18n';

const UP = '#389e0d';
const DOWN = '#cf1322';

/**
 * 较上期: the rank change the server reports (previous rank − this rank). Up is a green arrow, down a red
 * one, no change a dash; empty for the first period.
 */
export function ScoreChange({ change }: { change: number | null }) {
  const { t } = useI18n();
  if (change === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (change === 0)
    return (
      <Typography.Text type="secondary" aria-label={t('ranking.changeSame')}>
        {t('ranking.changeSameShort')}
      </Typography.Text>
    );
  const up = change > 0;
  return (
    <span
      role="img"
      style={{ color: up ? UP : DOWN, whiteSpace: 'nowrap', fontWeight: 500 }}
      aria-label={t(up ? 'ranking.changeUp' : 'ranking.changeDown', { n: Math.abs(change) })}
      title={t(up ? 'ranking.changeUp' : 'ranking.changeDown', { n: Math.abs(change) })}
    >
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(change)}
    </span>
  );
}
