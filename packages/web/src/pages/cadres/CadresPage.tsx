import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CadreResultRowView, CadreView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { PeriodPicker } from '../../components/campaign/PeriodPicker';
import { EChart } from '../../components/charts/EChart';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { cadreResultsExportUrl, useCadreResults, useCadres, useSaveCadre } from './api';
import { CadreModal } from './CadreModal';
import { type CadreTranslate, useCadreI18n } from './i18n';

const KIND_COLOR = { street: 'red', stationed: 'gold' } as const;

function KindTag({ kind, t }: { kind: CadreView['kind']; t: CadreTranslate }) {
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`cadres.kind.${kind}`)}
    </Tag>
  );
}

function UnitTags({ cadre }: { cadre: CadreView }) {
  return (
    <Flex wrap gap={4}>
      {cadre.units.map((u) => (
        <Tag key={u.code} style={{ marginInlineEnd: 0 }}>
          {u.name}
        </Tag>
      ))}
    </Flex>
  );
}

/** 干部名册: the cadres of the streets the caller keeps, with the villages each answers for; add, edit, leave. */
function Roster({ t }: { t: CadreTranslate }) {
  const isMobile = useIsMobile();
  const { modal, message } = App.useApp();
  const [street, setStreet] = useState<string | undefined>();
  const [showLeft, setShowLeft] = useState(false);
  const [editing, setEditing] = useState<CadreView | null>(null);
  const [open, setOpen] = useState(false);
  const list = useCadres(street, showLeft);
  const save = useSaveCadre();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  const { rows, streets } = list.data;

  const edit = (cadre: CadreView | null) => {
    setEditing(cadre);
    setOpen(true);
  };
  const setActive = (cadre: CadreView, active: boolean) => {
    const run = () =>
      save.mutate(
        { id: cadre.id, body: { active } },
        {
          onSuccess: () => void message.success(t('cadres.saved')),
          onError: (cause) => void message.error(errorMessage(cause, t('common.unknownError'))),
        },
      );
    if (active) run();
    else
      modal.confirm({
        title: t('cadres.leave'),
        content: t('cadres.leaveConfirm', { name: cadre.name }),
        okText: t('cadres.leave'),
        cancelText: t('cadres.form.cancel'),
        onOk: run,
      });
  };
  const actions = (c: CadreView) => (
    <Flex gap={4} wrap>
      <Button size="small" onClick={() => edit(c)}>
        {t('cadres.edit')}
      </Button>
      <Button size="small" danger={c.active} onClick={() => setActive(c, !c.active)}>
        {c.active ? t('cadres.leave') : t('cadres.restore')}
      </Button>
    </Flex>
  );
  const status = (c: CadreView) =>
    c.active ? <Tag color="green">{t('cadres.active')}</Tag> : <Tag>{t('cadres.left')}</Tag>;

  return (
    <>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="center">
          {streets.length > 1 && (
            <Select
              aria-label={t('cadres.col.street')}
              value={street ?? ''}
              onChange={(v) => setStreet(v || undefined)}
              style={{ width: 160 }}
              options={[
                { value: '', label: t('cadres.allStreets') },
                ...streets.map((s) => ({ value: s.code, label: s.name })),
              ]}
            />
          )}
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={showLeft}
              onChange={setShowLeft}
              aria-label={t('cadres.showLeft')}
            />
            {t('cadres.showLeft')}
          </Flex>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
          {t('cadres.add')}
        </Button>
      </Flex>
      {rows.length === 0 ? (
        <Card>
          <EmptyState description={t('cadres.none')} />
        </Card>
      ) : isMobile ? (
        <CardList
          items={rows}
          rowKey={(c) => c.id}
          render={(c) => (
            <Flex vertical gap={6} data-testid={`cadre-${c.name}`}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {c.name}
                </Typography.Text>
                <Flex gap={4}>
                  <KindTag kind={c.kind} t={t} />
                  {!c.active && status(c)}
                </Flex>
              </Flex>
              <Typography.Text type="secondary">
                {c.street.name} · {c.position}
              </Typography.Text>
              <UnitTags cadre={c} />
              {c.phone && <Typography.Text type="secondary">{c.phone}</Typography.Text>}
              {actions(c)}
            </Flex>
          )}
        />
      ) : (
        <Table<CadreView>
          size="small"
          rowKey="id"
          dataSource={rows}
          loading={list.isFetching}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          onRow={(c) => ({ 'data-testid': `cadre-${c.name}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('cadres.col.name'), dataIndex: 'name', width: 96 },
            { title: t('cadres.col.kind'), width: 96, render: (_, c) => <KindTag kind={c.kind} t={t} /> },
            { title: t('cadres.col.position'), dataIndex: 'position' },
            { title: t('cadres.col.street'), width: 110, render: (_, c) => c.street.name },
            { title: t('cadres.col.units'), render: (_, c) => <UnitTags cadre={c} /> },
            {
              title: t('cadres.col.phone'),
              dataIndex: 'phone',
              width: 130,
              render: (v: string | null) => v ?? '—',
            },
            { title: t('cadres.col.status'), width: 80, render: (_, c) => status(c) },
            { title: t('cadres.col.actions'), width: 150, render: (_, c) => actions(c) },
          ]}
        />
      )}
      <CadreModal open={open} cadre={editing} streets={streets} onClose={() => setOpen(false)} />
    </>
  );
}

const fixed2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** One cadre's villages: name, score, district rank, stars, red warning. */
function UnitResults({ row, t }: { row: CadreResultRowView; t: CadreTranslate }) {
  return (
    <Flex wrap gap={6}>
      {row.units.map((u) => (
        <Tag key={u.code} color={u.redWarning ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
          {u.name}{' '}
          {u.score === null
            ? t('cadres.results.unit.notAssessed')
            : `${u.score.toFixed(2)} · ${t('cadres.results.unit.rank')} ${u.rank}`}
          {u.stars !== null && u.stars > 0 && ` · ${t('cadres.results.unit.stars', { count: u.stars })}`}
          {u.redWarning && ` · ${t('cadres.results.unit.red')}`}
        </Tag>
      ))}
    </Flex>
  );
}

/** 考核结果: each cadre in post by the results of the villages linked, in a period; a chart, a table, Excel. */
function Results({ t }: { t: CadreTranslate }) {
  const isMobile = useIsMobile();
  const { campaigns, chosen } = useChosenCampaign();
  const year = chosen ? Number(chosen.year) : new Date().getFullYear();
  const [period, setPeriod] = useState<string | null>(null);
  const shown = period ?? String(year);
  const results = useCadreResults(chosen?.code, shown);
  if (campaigns.isPending) return <Loading />;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  if (!chosen) return <Empty />;
  const rows = results.data?.rows ?? [];
  const chartRows = rows.filter((r) => r.meanScore !== null);
  return (
    <>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="center">
          <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
          <PeriodPicker year={year} value={shown} onChange={setPeriod} block={isMobile} />
        </Flex>
        <DownloadMenu
          url={(format) => cadreResultsExportUrl(chosen.code, shown, format)}
          excelLabel={t('cadres.results.export')}
          json={false}
        />
      </Flex>
      <Typography.Paragraph type="secondary">{t('cadres.results.intro')}</Typography.Paragraph>
      {results.isError && <ErrorBox error={results.error} onRetry={() => results.refetch()} />}
      {results.data && rows.length === 0 && <EmptyState description={t('cadres.results.none')} />}
      {chartRows.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <EChart
            ariaLabel={t('cadres.results.chart')}
            testId="cadre-chart"
            height={Math.max(200, chartRows.length * 26 + 60)}
            option={{
              grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              xAxis: { type: 'value', min: 0, max: 100 },
              yAxis: {
                type: 'category',
                inverse: true,
                data: chartRows.map((r) => `${r.cadre.name}（${t(`cadres.kind.${r.cadre.kind}`)}）`),
              },
              series: [
                {
                  type: 'bar',
                  name: t('cadres.results.chart'),
                  data: chartRows.map((r) => ({
                    value: r.meanScore,
                    itemStyle: { color: r.cadre.kind === 'street' ? '#c0392b' : '#d4a017' },
                  })),
                  label: {
                    show: true,
                    position: 'right',
                    formatter: (p: { value: number }) => p.value.toFixed(2),
                  },
                },
              ],
            }}
          />
        </Card>
      )}
      {results.data && rows.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('cadres.results.ranked', { count: results.data.rankedUnits })}
        </Typography.Text>
      )}
      {isMobile ? (
        <CardList
          items={rows}
          rowKey={(r) => r.cadre.id}
          render={(r) => (
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {r.rank ?? '—'}. {r.cadre.name}
                </Typography.Text>
                <KindTag kind={r.cadre.kind} t={t} />
              </Flex>
              <Typography.Text>
                {t('cadres.results.col.mean')}：
                <Typography.Text strong>{fixed2(r.meanScore)}</Typography.Text>
                {' · '}
                {t('cadres.results.col.ranks')}：{r.bestRank ?? '—'} / {r.worstRank ?? '—'}
              </Typography.Text>
              <UnitResults row={r} t={t} />
            </Flex>
          )}
        />
      ) : (
        <Table<CadreResultRowView>
          size="small"
          rowKey={(r) => r.cadre.id}
          dataSource={rows}
          loading={results.isFetching}
          pagination={false}
          columns={[
            {
              title: t('cadres.results.col.rank'),
              dataIndex: 'rank',
              width: 84,
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('cadres.results.col.cadre'),
              width: 200,
              render: (_, r) => (
                <Flex vertical gap={2}>
                  <Flex gap={6} align="center">
                    <Typography.Text strong>{r.cadre.name}</Typography.Text>
                    <KindTag kind={r.cadre.kind} t={t} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.cadre.street.name} · {r.cadre.position}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('cadres.results.col.mean'),
              dataIndex: 'meanScore',
              align: 'right',
              width: 96,
              render: (v: number | null) => <Typography.Text strong>{fixed2(v)}</Typography.Text>,
            },
            {
              title: t('cadres.results.col.ranks'),
              align: 'right',
              width: 120,
              render: (_, r) => `${r.bestRank ?? '—'} / ${r.worstRank ?? '—'}`,
            },
            {
              title: t('cadres.results.col.stars'),
              dataIndex: 'starsTotal',
              align: 'right',
              width: 84,
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('cadres.results.col.red'),
              dataIndex: 'redWarnings',
              align: 'right',
              width: 96,
              render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
            },
            { title: t('cadres.col.units'), render: (_, r) => <UnitResults row={r} t={t} /> },
          ]}
        />
      )}
    </>
  );
}

/** 联村干部 (district and street admins): the roster of cadres and villages, and their assessment. */
export function CadresPage() {
  const { t } = useCadreI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'results' ? 'results' : 'roster';
  return (
    <>
      <PageHeader title={t('cadres.title')} subtitle={t('cadres.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (key === 'results') next.set('tab', 'results');
              else next.delete('tab');
              return next;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'roster', label: t('cadres.tab.roster'), children: <Roster t={t} /> },
          { key: 'results', label: t('cadres.tab.results'), children: <Results t={t} /> },
        ]}
      />
    </>
  );
}
