import { AlertOutlined, LeftOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Row, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CoverageView, RoundDetailView, RoundUnitView, StarView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { CardList } from '../../components/CardList';
import { EChart } from '../../components/charts/EChart';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useCloseRound, useRound, useSheetTemplates } from '../../hooks/useRounds';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { AssignmentsModal } from './AssignmentsModal';
import { InspectionsDrawer } from './InspectionsDrawer';
import { Coverage, KindTag, ModeTag, RoundStatusTag } from './labels';
import { NoticeSection } from './NoticeView';

/** Done and remaining units per street, stacked (visited, or accepted in an annual acceptance). */
function CoverageChart({ coverage, acceptance }: { coverage: readonly CoverageView[]; acceptance: boolean }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo(() => {
    const done = acceptance ? t('supervision.coverageDoneAcceptance') : t('supervision.coverageDone');
    const left = acceptance ? t('supervision.coverageLeftAcceptance') : t('supervision.coverageLeft');
    return {
      color: ['#52c41a', '#e8e8e8'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [done, left] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: coverage.map((c) => c.streetName), inverse: true },
      series: [
        {
          name: done,
          type: 'bar',
          stack: 'units',
          data: coverage.map((c) => c.done),
          label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
          barMaxWidth: 22,
        },
        {
          name: left,
          type: 'bar',
          stack: 'units',
          data: coverage.map((c) => c.total - c.done),
          label: {
            show: true,
            color: '#8c8c8c',
            formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
          },
          barMaxWidth: 22,
        },
      ],
    };
  }, [coverage, acceptance, t]);
  return (
    <EChart
      option={option}
      height={Math.max(isMobile ? 160 : 180, 48 + coverage.length * 34)}
      ariaLabel={t('supervision.coverageChart')}
    />
  );
}

/** Each inspector of a unit: name, version and time of their latest sheet, and their per-star totals. */
function InspectorLines({ unit, starName }: { unit: RoundUnitView; starName: (code: string) => string }) {
  const { t, lang } = useI18n();
  if (unit.inspectors.length === 0)
    return <Typography.Text type="warning">{t('supervision.units.noInspector')}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {unit.inspectors.map((i) => (
        <Flex key={i.username} gap={6} wrap align="center">
          <Typography.Text>{i.name}</Typography.Text>
          {i.version > 0 ? (
            <>
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {i.version > 1
                  ? t('supervision.units.corrected', { version: i.version })
                  : t('supervision.units.submitted')}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(i.submittedAt, lang)}
              </Typography.Text>
            </>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }}>{t('supervision.units.pending')}</Tag>
          )}
          {i.totals &&
            Object.entries(i.totals).map(([star, total]) => (
              <Typography.Text key={star} type="secondary" style={{ fontSize: 12 }}>
                {t('supervision.inspections.starTotal', { star: starName(star), total: formatNumber(total) })}
              </Typography.Text>
            ))}
        </Flex>
      ))}
    </Flex>
  );
}

/** The units of a round with their inspectors and problems; a click opens every version of the sheets. */
function UnitsPanel({
  detail,
  stars,
  onOpen,
}: {
  detail: RoundDetailView;
  stars: readonly StarView[];
  onOpen: (u: RoundUnitView) => void;
}) {
  const { t } = useI18n();
  const acceptance = detail.round.kind === 'acceptance';
  const isMobile = useIsMobile();
  const [street, setStreet] = useState<string | undefined>();
  const [pendingOnly, setPendingOnly] = useState(false);
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;
  const streets = useMemo(() => {
    const map = new Map<string, string>();
    for (const u of detail.units) if (u.streetCode) map.set(u.streetCode, u.streetName ?? u.streetCode);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [detail.units]);
  const rows = detail.units.filter(
    (u) => (!street || u.streetCode === street) && (!pendingOnly || u.submitted === 0),
  );

  const filters = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      {streets.length > 1 && (
        <Select
          allowClear
          value={street}
          onChange={setStreet}
          placeholder={t('supervision.units.allStreets')}
          options={streets}
          style={{ width: isMobile ? '100%' : 160 }}
        />
      )}
      <Checkbox checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)}>
        {acceptance ? t('supervision.units.pendingOnlyAcceptance') : t('supervision.units.pendingOnly')}
      </Checkbox>
      <Typography.Text type="secondary">
        {t('supervision.units.count', { count: rows.length })}
      </Typography.Text>
    </Flex>
  );

  if (isMobile)
    return (
      <>
        {filters}
        <CardList
          items={rows}
          rowKey={(u) => u.unitCode}
          onItemClick={onOpen}
          pageSize={30}
          render={(u) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>
                  {u.unitName}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {u.streetName}
                  </Typography.Text>
                </Typography.Text>
                {u.problemCount > 0 && (
                  <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {t('supervision.problemCount', { count: u.problemCount })}
                  </Typography.Text>
                )}
              </Flex>
              <InspectorLines unit={u} starName={starName} />
            </Flex>
          )}
        />
      </>
    );

  const columns: ColumnsType<RoundUnitView> = [
    {
      title: t('supervision.units.unit'),
      key: 'unit',
      width: 150,
      render: (_, u) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => onOpen(u)}>
            {u.unitName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.streetName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: acceptance ? t('supervision.units.inspectorsAcceptance') : t('supervision.units.inspectors'),
      key: 'inspectors',
      render: (_, u) => <InspectorLines unit={u} starName={starName} />,
    },
    {
      title: t('supervision.units.sheets'),
      key: 'submitted',
      width: 90,
      align: 'center',
      render: (_, u) =>
        u.submitted > 0 ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('supervision.units.sheetCount', { count: u.submitted })}
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>
            {acceptance ? t('supervision.units.notVisitedAcceptance') : t('supervision.units.notVisited')}
          </Tag>
        ),
    },
    {
      title: t('supervision.col.problems'),
      key: 'problems',
      width: 80,
      align: 'right',
      render: (_, u) =>
        u.problemCount > 0 ? <Typography.Text type="danger">{u.problemCount}</Typography.Text> : 0,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, u) => (
        <Button size="small" onClick={() => onOpen(u)} disabled={u.submitted === 0}>
          {t('supervision.units.viewSheets')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {filters}
      <Table<RoundUnitView>
        rowKey="unitCode"
        size="middle"
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}

/**
 * One round: its facts, coverage per street, its units with every inspector's sheets, the assignment editor
 * and closing (district admin, or the street admin of a special round), and the printable notice (通报).
 */
export function RoundDetailPage() {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const round = useRound(id);
  const campaign = useCampaign(round.data?.round.campaignCode);
  const templates = useSheetTemplates(round.data?.round.campaignCode);
  const units = useUnits(user.role === 'street_admin');
  const close = useCloseRound(id ?? '');
  const [opened, setOpened] = useState<RoundUnitView | null>(null);
  const assignOpen = params.get('assign') === '1';
  const tab = params.get('tab') === 'notice' ? 'notice' : 'units';

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (round.isPending) return <Loading />;
  if (round.isError) return <ErrorBox error={round.error} onRetry={() => round.refetch()} />;
  const detail = round.data;
  const r = detail.round;
  const ownStreet = (units.data ?? []).find((u) => u.id === user.scopeUnitId)?.code;
  const canManage =
    user.role === 'district_admin' ||
    (user.role === 'street_admin' && r.kind === 'special' && r.streetCode === ownStreet);
  const stars = campaign.data?.stars ?? [];
  const template = templates.data?.find((x) => x.code === r.templateCode);
  const totalDone = detail.coverage.reduce((s, c) => s + c.done, 0);
  const totalUnits = detail.coverage.reduce((s, c) => s + c.total, 0);

  const confirmClose = () =>
    modal.confirm({
      title: t('supervision.closeConfirm', { name: r.name }),
      content: t('supervision.closeHint', { done: totalDone, total: totalUnits }),
      okText: t('supervision.close'),
      okButtonProps: { danger: true },
      onOk: () =>
        close
          .mutateAsync()
          .then(() => message.success(t('supervision.closed')))
          .catch((e: unknown) => message.error(errorMessage(e, t('common.unknownError')))),
    });

  const facts = [
    t('supervision.fact.month', { month: r.month }),
    t('supervision.dateRange', { from: r.startsOn, to: r.endsOn }),
    t('supervision.fact.template', { name: r.templateName }),
    r.scored ? t('supervision.fact.scored') : t('supervision.fact.unscored'),
    r.createdByName
      ? t('supervision.fact.createdBy', { name: r.createdByName, at: formatDateTime(r.createdAt, lang) })
      : null,
    r.closedAt ? t('supervision.fact.closedAt', { at: formatDateTime(r.closedAt, lang) }) : null,
  ].filter((x): x is string => Boolean(x));

  return (
    <>
      <Typography.Link
        onClick={() => navigate('/supervision')}
        style={{ display: 'inline-block', marginBottom: 4 }}
      >
        <LeftOutlined /> {t('supervision.back')}
      </Typography.Link>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{r.name}</span>
            <KindTag kind={r.kind} />
            <ModeTag mode={r.mode} />
            <RoundStatusTag status={r.status} />
            {r.demo && <DemoTag subtle />}
          </Flex>
        }
        subtitle={`${r.number}${r.streetName ? ` · ${r.streetName}` : ''} · ${facts.join(t('common.listSeparator'))}`}
        extra={
          <>
            <Button
              icon={<AlertOutlined />}
              onClick={() =>
                navigate(
                  `/problems?campaign=${encodeURIComponent(r.campaignCode)}&round=${encodeURIComponent(r.id)}`,
                )
              }
            >
              {t('supervision.viewProblems', { count: r.problemCount })}
            </Button>
            {canManage && r.status === 'open' && (
              <>
                <Button icon={<TeamOutlined />} onClick={() => setParam('assign', '1')}>
                  {t('supervision.assign.open')}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={confirmClose}>
                  {t('supervision.close')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card
        size="small"
        title={t(
          r.kind === 'acceptance' ? 'supervision.coverageTitleAcceptance' : 'supervision.coverageTitle',
          {
            done: totalDone,
            total: totalUnits,
          },
        )}
        style={{ marginBottom: 16 }}
        data-testid="coverage"
      >
        <Row gutter={[24, 12]} align="middle">
          <Col xs={24} lg={detail.coverage.length > 1 ? 10 : 24}>
            <Flex vertical gap={10}>
              {detail.coverage.map((c) => (
                <Coverage
                  key={c.streetCode}
                  done={c.done}
                  total={c.total}
                  label={c.streetName}
                  width="100%"
                />
              ))}
            </Flex>
          </Col>
          {detail.coverage.length > 1 && !isMobile && (
            <Col xs={24} lg={14}>
              <CoverageChart coverage={detail.coverage} acceptance={r.kind === 'acceptance'} />
            </Col>
          )}
        </Row>
      </Card>
      <Card styles={{ body: { padding: isMobile ? 12 : 16, paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'notice' ? 'notice' : null)}
          items={[
            {
              key: 'units',
              label: t('supervision.tab.units', { count: detail.units.length }),
              children: <UnitsPanel detail={detail} stars={stars} onOpen={setOpened} />,
            },
            {
              key: 'notice',
              label: t('supervision.tab.notice', { count: r.problemCount }),
              children: tab === 'notice' ? <NoticeSection roundId={r.id} stars={stars} /> : null,
            },
          ]}
        />
      </Card>
      <InspectionsDrawer
        roundId={r.id}
        unit={opened ? { code: opened.unitCode, name: opened.unitName } : null}
        lines={template?.lines ?? []}
        stars={stars}
        onClose={() => setOpened(null)}
      />
      {canManage && (
        <AssignmentsModal open={assignOpen} onClose={() => setParam('assign', null)} detail={detail} />
      )}
    </>
  );
}
