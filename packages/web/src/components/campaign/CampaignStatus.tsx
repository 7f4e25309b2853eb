import { Badge } from 'antd';
import type { CampaignSummaryView } from '../../api/types';
import { useI18n } from '../../i18n';

/** Whether a campaign is running or archived, as a badge. */
export function CampaignStatus({ status }: { status: CampaignSummaryView['status'] }) {
  const { t } = useI18n();
  return status === 'active' ? (
    <Badge status="processing" text={t('campaigns.status.active')} />
  ) : (
    <Badge status="default" text={t('campaigns.status.archived')} />
  );
}
