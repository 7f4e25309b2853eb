import { CopyOutlined, DesktopOutlined, LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Space, Tabs, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { absoluteUrl } from '../publications/QrCode';
import { useContestDetail, useNewScreenLink } from './api';
import { useContestI18n } from './i18n';
import { ContestStatusTag, useCopy } from './parts';
import { CadreTab } from './setup/CadreTab';
import { CheckTab } from './setup/CheckTab';
import { ConsistencyTab } from './setup/ConsistencyTab';
import { HonoursTab } from './setup/HonoursTab';
import { JudgesTab } from './setup/JudgesTab';
import { ResultsTab } from './setup/ResultsTab';
import { UnitsTab } from './setup/UnitsTab';
import './contests.css';

const TABS = ['units', 'judges', 'honours', 'cadre', 'check', 'results', 'consistency'] as const;
type TabKey = (typeof TABS)[number];

/**
 * One contest's setup (`/contests/:code`): units and lots (with 复核), the jury and their one-time links,
 * honours, cadre-style votes, the pre-contest check, results and judge consistency. The tab is in the address.
 */
export function ContestSetupPage() {
  const { code = '' } = useParams();
  const { t } = useContestI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const detail = useContestDetail(code);
  const copy = useCopy();
  const newScreenLink = useNewScreenLink(code);
  const { modal, message } = App.useApp();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'units';

  if (detail.isPending) return <Loading minHeight={400} />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />;
  const view = detail.data;
  const { contest } = view;
  const s = contest.settings;
  const screenUrl = absoluteUrl(view.screenPath);
  const renewScreenLink = () =>
    modal.confirm({
      title: t('contest.setup.newScreenLink'),
      content: t('contest.setup.newScreenLinkConfirm'),
      okText: t('contest.setup.newScreenLink'),
      cancelText: t('contest.form.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        newScreenLink.mutateAsync(undefined).then(
          () => void message.success(t('contest.setup.newScreenLinkDone')),
          (cause: unknown) => void message.error(errorMessage(cause, t('common.unknownError'))),
        ),
    });

  return (
    <>
      <Button
        type="link"
        icon={<LeftOutlined />}
        onClick={() => navigate('/contests')}
        style={{ paddingInline: 0, marginBottom: 4 }}
      >
        {t('contest.setup.back')}
      </Button>
      <PageHeader
        title={
          <Flex align="center" gap={10} wrap>
            {contest.name}
            <ContestStatusTag status={contest.status} />
          </Flex>
        }
        subtitle={`${contest.code} · ${contest.period} · ${contest.date} · ${t('contest.setup.rules', {
          jury: s.juryPoints,
          honour: s.honourPoints,
          cadre: s.cadrePoints,
          trim: s.trimFrom,
          minutes: Math.round((s.speechSeconds / 60) * 10) / 10,
        })}`}
        extra={
          <>
            <Button icon={<DesktopOutlined />} href={view.screenPath} target="_blank" rel="noopener">
              {t('contest.screen')}
            </Button>
            <Button type="primary" onClick={() => navigate(`/contests/${encodeURIComponent(code)}/console`)}>
              {t('contest.console')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex align="center" gap={12} wrap>
          <Typography.Text strong>{t('contest.setup.screenLink')}</Typography.Text>
          <Space.Compact style={{ flex: 1, minWidth: 280, maxWidth: 640 }}>
            <Input readOnly value={screenUrl} aria-label={t('contest.setup.screenLink')} />
            <Button icon={<CopyOutlined />} onClick={() => copy(screenUrl)}>
              {t('contest.setup.copy')}
            </Button>
          </Space.Compact>
          <Button icon={<ReloadOutlined />} onClick={renewScreenLink} loading={newScreenLink.isPending}>
            {t('contest.setup.newScreenLink')}
          </Button>
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'units', label: t('contest.setup.tab.units'), children: <UnitsTab view={view} /> },
            { key: 'judges', label: t('contest.setup.tab.judges'), children: <JudgesTab view={view} /> },
            { key: 'honours', label: t('contest.setup.tab.honours'), children: <HonoursTab view={view} /> },
            { key: 'cadre', label: t('contest.setup.tab.cadre'), children: <CadreTab view={view} /> },
            { key: 'check', label: t('contest.setup.tab.check'), children: <CheckTab view={view} /> },
            { key: 'results', label: t('contest.setup.tab.results'), children: <ResultsTab view={view} /> },
            {
              key: 'consistency',
              label: t('contest.setup.tab.consistency'),
              children: <ConsistencyTab view={view} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
