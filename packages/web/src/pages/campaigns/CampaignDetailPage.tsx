import { BarChartOutlined, ImportOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DemoTag } from '../../components/Brand';
import { CampaignStatus } from '../../components/campaign/CampaignStatus';
import { namesOf } from '../../components/campaign/labels';
import { ErrorBox, Loading } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { TargetsPanel } from '../targets/TargetsPanel';
import { CampaignExportButton } from './CampaignExportButton';
import { CampaignImportModal } from './CampaignImportModal';
import { ItemsTab } from './ItemsTab';
import { LocksTab } from './LocksTab';
import { SettingsTab } from './SettingsTab';
import { StarsModulesTab } from './StarsModulesTab';

const TABS = ['model', 'items', 'locks', 'targets', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** One campaign: its stars and budgets, items, locked months, targets and settings; import and export. */
export function CampaignDetailPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { code } = useParams<{ code: string }>();
  const [params, setParams] = useSearchParams();
  const campaign = useCampaign(code);
  const [importOpen, setImportOpen] = useState(false);
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'model';
  const editable = user.role === 'district_admin';

  if (campaign.isPending) return <Loading />;
  if (campaign.isError) return <ErrorBox error={campaign.error} onRetry={() => campaign.refetch()} />;
  const c = campaign.data;
  const starName = namesOf(c.stars);
  const lastLocked = [...c.locks]
    .map((l) => l.month)
    .sort()
    .pop();

  return (
    <>
      <Button
        type="link"
        icon={<LeftOutlined />}
        onClick={() => navigate('/campaigns')}
        style={{ paddingInline: 0, marginBottom: 4 }}
      >
        {t('campaigns.back')}
      </Button>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{c.name}</span>
            {c.demo && <DemoTag subtle />}
          </Flex>
        }
        subtitle={
          <Flex gap={12} wrap align="center" component="span">
            <span>{t('campaigns.codeYear', { code: c.code, year: c.year })}</span>
            <CampaignStatus status={c.status} />
          </Flex>
        }
        extra={
          <>
            <Button
              icon={<BarChartOutlined />}
              onClick={() => navigate(`/rankings?campaign=${encodeURIComponent(c.code)}`)}
            >
              {t('campaigns.viewRanking')}
            </Button>
            {editable && (
              <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
                {t('campaigns.import')}
              </Button>
            )}
            {editable && <CampaignExportButton code={c.code} />}
          </>
        }
      />
      <Row gutter={isMobile ? [8, 8] : [12, 12]} style={{ marginBottom: 16 }}>
        {[
          { key: 'units', title: t('campaigns.field.units'), value: String(c.unitCount) },
          { key: 'items', title: t('campaigns.field.items'), value: String(c.items.length) },
          { key: 'line', title: t('campaigns.field.starLine'), value: formatNumber(c.starLine) },
          {
            key: 'pre',
            title: t('settings.prerequisite'),
            value: c.prerequisite ? starName(c.prerequisite) : t('common.none'),
          },
          { key: 'locked', title: t('locks.lockedThrough'), value: lastLocked ?? t('locks.noneLocked') },
        ].map((s) => (
          <Col key={s.key} xs={8} lg={4}>
            <Card
              size="small"
              style={{ height: '100%' }}
              styles={{ body: isMobile ? { padding: 8 } : undefined }}
            >
              <Statistic
                title={s.title}
                value={s.value}
                styles={{
                  title: isMobile ? { fontSize: 12 } : undefined,
                  content: { fontSize: isMobile ? 15 : 22 },
                }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card styles={{ body: { padding: isMobile ? 12 : 16, paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={[
            {
              key: 'model',
              label: t('campaigns.tab.model'),
              children: <StarsModulesTab campaign={c} editable={editable} />,
            },
            {
              key: 'items',
              label: t('campaigns.tab.items'),
              children: <ItemsTab campaign={c} editable={editable} />,
            },
            {
              key: 'locks',
              label: t('campaigns.tab.locks'),
              children: <LocksTab campaign={c} editable={editable} />,
            },
            { key: 'targets', label: t('campaigns.tab.targets'), children: <TargetsPanel campaign={c} /> },
            {
              key: 'settings',
              label: t('campaigns.tab.settings'),
              children: <SettingsTab campaign={c} editable={editable} />,
            },
          ]}
        />
      </Card>
      <CampaignImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}
