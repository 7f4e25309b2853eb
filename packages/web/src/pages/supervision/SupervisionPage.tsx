import { FileAddOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CampaignSummaryView, RoundSummaryView, SheetTemplateView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CardList } from '../../components/CardList';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useCreateDefaultTemplate, useRounds, useSheetTemplates } from '../../hooks/useRounds';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { CreateRoundModal } from './CreateRoundModal';
import { Coverage, KindTag, ModeTag, RoundStatusTag } from './labels';
import { TemplateDrawer } from './TemplateDrawer';

const TABS = ['rounds', 'templates'] as const;
type Tab = (typeof TABS)[number];

/** The rounds of a campaign: kind, mode, month, state, coverage and problems; a click opens one. */
function RoundsTab({
  rounds,
  onOpen,
}: {
  rounds: readonly RoundSummaryView[];
  onOpen: (r: RoundSummaryView) => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  if (rounds.length === 0) return <EmptyState description={t('supervision.noRounds')} />;
  if (isMobile)
    return (
      <CardList
        items={rounds}
        rowKey={(r) => r.id}
        onItemClick={onOpen}
        render={(r) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong ellipsis>
                {r.name}
              </Typography.Text>
              <RoundStatusTag status={r.status} />
            </Flex>
            <Flex gap={4} wrap align="center">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.number}
              </Typography.Text>
              <KindTag kind={r.kind} />
              <ModeTag mode={r.mode} />
              {r.scored && <Tag style={{ marginInlineEnd: 0 }}>{t('supervision.scored')}</Tag>}
            </Flex>
            <Flex justify="space-between" align="flex-end" gap={12}>
              <Coverage done={r.done} total={r.total} label={t('supervision.coverage')} width="60%" />
              <Typography.Text type={r.problemCount > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('supervision.problemCount', { count: r.problemCount })}
              </Typography.Text>
            </Flex>
          </Flex>
        )}
      />
    );
  const columns: ColumnsType<RoundSummaryView> = [
    {
      title: t('supervision.col.round'),
      key: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => onOpen(r)}>
            {r.name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.number}
            {r.streetName ? ` · ${r.streetName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('supervision.col.kind'),
      key: 'kind',
      width: 170,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <KindTag kind={r.kind} />
          <ModeTag mode={r.mode} />
          {r.scored && <Tag style={{ marginInlineEnd: 0 }}>{t('supervision.scored')}</Tag>}
        </Flex>
      ),
    },
    { title: t('supervision.col.month'), dataIndex: 'month', width: 90 },
    {
      title: t('supervision.col.dates'),
      key: 'dates',
      width: 190,
      render: (_, r) => t('supervision.dateRange', { from: r.startsOn, to: r.endsOn }),
    },
    {
      title: t('supervision.col.status'),
      key: 'status',
      width: 90,
      render: (_, r) => <RoundStatusTag status={r.status} />,
    },
    {
      title: t('supervision.coverage'),
      key: 'coverage',
      width: 180,
      render: (_, r) => <Coverage done={r.done} total={r.total} />,
    },
    {
      title: t('supervision.col.problems'),
      key: 'problems',
      width: 80,
      align: 'right',
      render: (_, r) => r.problemCount,
    },
  ];
  return (
    <Table<RoundSummaryView>
      rowKey="id"
      size="middle"
      dataSource={[...rounds]}
      columns={columns}
      pagination={rounds.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
      scroll={{ x: 'max-content' }}
    />
  );
}

/**
 * The campaign's scoring-sheet templates; the default five-star supervision sheet (DD-SHEET) and, once the
 * campaign has an ND module, the annual acceptance sheet (ND-SHEET) can each be created in one click.
 */
function TemplatesTab({
  campaign,
  templates,
  editable,
}: {
  campaign: CampaignSummaryView;
  templates: readonly SheetTemplateView[];
  editable: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const detail = useCampaign(campaign.code);
  const createDefault = useCreateDefaultTemplate(campaign.code);
  const [open, setOpen] = useState<string | null>(null);
  const opened = templates.find((x) => x.code === open) ?? null;
  const stars = detail.data?.stars ?? [];
  const moduleName = (code: string) => detail.data?.modules.find((m) => m.code === code)?.name ?? code;
  const canAccept =
    (detail.data?.modules ?? []).some((m) => m.code === 'ND' && m.kind !== 'bonus') &&
    !templates.some((x) => x.module === 'ND');

  const makeDefault = (module: 'DD' | 'ND', primary: boolean) => (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<FileAddOutlined />}
      loading={createDefault.isPending && createDefault.variables === module}
      disabled={createDefault.isPending}
      onClick={() =>
        createDefault.mutate(module, {
          onSuccess: () =>
            message.success(
              t(
                module === 'ND'
                  ? 'supervision.template.acceptanceCreated'
                  : 'supervision.template.defaultCreated',
              ),
            ),
          onError: (e) => message.error(errorMessage(e, t('common.unknownError'))),
        })
      }
    >
      {t(module === 'ND' ? 'supervision.template.createAcceptance' : 'supervision.template.createDefault')}
    </Button>
  );

  return (
    <>
      {templates.length === 0 ? (
        <EmptyState description={t('supervision.template.none')}>
          {editable && (
            <Flex gap={8} justify="center" wrap>
              {makeDefault('DD', true)}
              {canAccept && makeDefault('ND', false)}
            </Flex>
          )}
        </EmptyState>
      ) : (
        <>
          {editable && canAccept && (
            <Flex justify="flex-end" style={{ marginBottom: 8 }}>
              {makeDefault('ND', false)}
            </Flex>
          )}
          <CardList
            items={templates}
            rowKey={(x) => x.code}
            onItemClick={(x) => setOpen(x.code)}
            render={(x) => (
              <Flex justify="space-between" align="center" gap={12} wrap>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{x.name}</Typography.Text>
                    {x.frozen && (
                      <Tag icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
                        {t('supervision.template.frozenTag')}
                      </Tag>
                    )}
                    {x.demo && <DemoTag subtle />}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('supervision.template.summary', {
                      code: x.code,
                      module: moduleName(x.module),
                      lines: x.lines.length,
                      stars: new Set(x.lines.map((l) => l.star)).size,
                      rule: t(`supervision.rule.${x.rule}`),
                      rounds: x.roundCount,
                    })}
                  </Typography.Text>
                </Flex>
                <Button onClick={() => setOpen(x.code)}>{t('supervision.template.view')}</Button>
              </Flex>
            )}
          />
        </>
      )}
      <TemplateDrawer
        template={opened}
        campaign={campaign.code}
        stars={stars}
        editable={editable}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** 督导观摩: the rounds of a campaign (and creating them) and its scoring-sheet templates. */
export function SupervisionPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const isDistrict = user.role === 'district_admin';
  const rounds = useRounds(chosen?.code);
  const templates = useSheetTemplates(chosen?.code);
  const units = useUnits(!isDistrict);
  const [createOpen, setCreateOpen] = useState(false);
  const tab: Tab = (isDistrict && TABS.find((x) => x === params.get('tab'))) || 'rounds';

  // A street admin runs special rounds on their own street.
  const street = useMemo(() => {
    if (isDistrict) return null;
    const own = (units.data ?? []).find((u) => u.id === user.scopeUnitId);
    return own ? { code: own.code, name: own.name } : null;
  }, [isDistrict, units.data, user.scopeUnitId]);

  const open = (r: RoundSummaryView) => navigate(`/supervision/rounds/${encodeURIComponent(r.id)}`);

  let roundsBody: ReactNode;
  if (rounds.isPending) roundsBody = <Loading />;
  else if (rounds.isError) roundsBody = <ErrorBox error={rounds.error} onRetry={() => rounds.refetch()} />;
  else roundsBody = <RoundsTab rounds={rounds.data} onOpen={open} />;

  let templatesBody: ReactNode = null;
  if (chosen) {
    if (templates.isPending) templatesBody = <Loading />;
    else if (templates.isError)
      templatesBody = <ErrorBox error={templates.error} onRetry={() => templates.refetch()} />;
    else templatesBody = <TemplatesTab campaign={chosen} templates={templates.data} editable={isDistrict} />;
  }

  let body: ReactNode;
  if (campaigns.isPending) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (!isDistrict) body = roundsBody;
  else
    body = (
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'rounds', label: t('supervision.tab.rounds'), children: roundsBody },
          { key: 'templates', label: t('supervision.tab.templates'), children: templatesBody },
        ]}
      />
    );

  const canCreate = chosen && (isDistrict || street) && (templates.data?.length ?? 0) > 0;
  return (
    <>
      <PageHeader
        title={t('supervision.title')}
        subtitle={
          <CampaignSubtitle
            campaign={chosen}
            text={(c) =>
              isDistrict
                ? t('supervision.subtitle', { name: c.name })
                : t('supervision.subtitleStreet', { name: c.name, street: street?.name ?? '' })
            }
          />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
                {isDistrict ? t('supervision.create') : t('supervision.createSpecial')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16, paddingTop: isDistrict ? 4 : undefined } }}>
        {body}
      </Card>
      {chosen && (
        <CreateRoundModal
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          campaign={chosen}
          templates={templates.data ?? []}
          street={street}
        />
      )}
    </>
  );
}
