import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { DeclareTargetsCard } from './DeclareTargetsCard';
import { TargetsPanel } from './TargetsPanel';

/** 创建目标: a village declares its stars; a street admin reviews its villages'; a district admin sets any. */
export function TargetsPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const { campaigns, chosen } = useChosenCampaign();
  const campaign = useCampaign(chosen?.code);
  const isVillage = user.role === 'village_user';
  const title = user.role === 'street_admin' ? t('menu.targetsReview') : t('menu.targets');

  let body: ReactNode;
  if (campaigns.isPending || (chosen && campaign.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen)
    body = (
      <Card>
        <EmptyState description={t('campaigns.none')} />
      </Card>
    );
  else if (campaign.isError) body = <ErrorBox error={campaign.error} onRetry={() => campaign.refetch()} />;
  else if (campaign.data)
    body = isVillage ? (
      <DeclareTargetsCard campaign={campaign.data} />
    ) : (
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <TargetsPanel campaign={campaign.data} />
      </Card>
    );

  return (
    <Flex vertical>
      <PageHeader
        title={title}
        subtitle={isVillage ? t('targets.subtitleVillage') : t('targets.subtitleReview')}
        extra={<CampaignPicker campaigns={campaigns.data} chosen={chosen} />}
      />
      {body}
    </Flex>
  );
}
