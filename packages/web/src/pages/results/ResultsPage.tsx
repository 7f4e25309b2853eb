import { IdcardOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CandidateRowView, StreetSummaryRowView } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import {
  type AwardRules,
  candidatesExportUrl,
  streetsExportUrl,
  useCandidates,
  useStreetSummary,
} from '../../hooks/useInbox';
import { starRatingExportUrl } from '../../hooks/useRatings';
import { type InboxTranslate, useInboxI18n } from '../inbox/i18n';

/** What each column of an export means, always shown under its section. */
function Columns({ t, text }: { t: InboxTranslate; text: string }) {
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0, marginTop: 12 }}>
      <Typography.Text strong type="secondary" style={{ fontSize: 13 }}>
        {t('results.columns')}：
      </Typography.Text>
      {text}
    </Typography.Paragraph>
  );
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      title={title}
      extra={extra}
      style={{ marginBottom: 16 }}
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      {children}
    </Card>
  );
}

function Candidates({ code, t }: { code: string; t: InboxTranslate }) {
  const [rules, setRules] = useState<AwardRules>({
    minStars: 3,
    topK: null,
    excludeVetoed: true,
    excludeRedWarning: true,
  });
  const [showAll, setShowAll] = useState(false);
  const list = useCandidates(code, rules);
  const data = list.data;
  const rows = data ? (showAll ? data.rows : data.rows.filter((r) => r.eligible)) : [];
  return (
    <Section
      title={t('results.candidates.title')}
      extra={
        <DownloadMenu
          url={(format) => candidatesExportUrl(code, rules, format)}
          excelLabel={t('results.candidates.export')}
          json={false}
        />
      }
    >
      <Typography.Paragraph>{t('results.candidates.intro')}</Typography.Paragraph>
      <Flex wrap gap={16} align="center" style={{ marginBottom: 12 }} data-testid="award-rules">
        <Flex gap={6} align="center">
          {t('results.rule.minStars')}
          <InputNumber
            aria-label={t('results.rule.minStars')}
            min={0}
            max={5}
            value={rules.minStars}
            onChange={(v) => setRules({ ...rules, minStars: v ?? 0 })}
            style={{ width: 64 }}
          />
          {t('results.rule.minStarsUnit')}
        </Flex>
        <Flex gap={6} align="center">
          {t('results.rule.topK')}
          <InputNumber
            aria-label={t('results.rule.topK')}
            min={1}
            value={rules.topK}
            onChange={(v) => setRules({ ...rules, topK: v ?? null })}
            style={{ width: 72 }}
          />
          {t('results.rule.topKUnit')}
        </Flex>
        <Checkbox
          checked={rules.excludeVetoed}
          onChange={(e) => setRules({ ...rules, excludeVetoed: e.target.checked })}
        >
          {t('results.rule.noVeto')}
        </Checkbox>
        <Checkbox
          checked={rules.excludeRedWarning}
          onChange={(e) => setRules({ ...rules, excludeRedWarning: e.target.checked })}
        >
          {t('results.rule.noRed')}
        </Checkbox>
      </Flex>
      {list.isError && <ErrorBox error={list.error} onRetry={() => list.refetch()} />}
      {data && (
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
          <Typography.Text strong data-testid="candidate-count">
            {t('results.candidates.count', { count: data.candidates, total: data.rows.length })}
            <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 12 }}>
              {t('results.candidates.version', {
                version:
                  data.ratingVersion === null
                    ? t('results.candidates.computed')
                    : t('results.candidates.confirmed', { version: data.ratingVersion }),
              })}
            </Typography.Text>
          </Typography.Text>
          <Flex gap={6} align="center">
            <Switch size="small" checked={showAll} onChange={setShowAll} />
            {t('results.candidates.showAll')}
          </Flex>
        </Flex>
      )}
      <Table<CandidateRowView>
        size="small"
        rowKey="unitCode"
        loading={list.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('results.col.rank'),
            dataIndex: 'rank',
            width: 64,
            render: (v: number | null) => v ?? '—',
          },
          {
            title: t('results.col.unit'),
            render: (_, r) => (
              <span>
                {r.unitName} <Typography.Text type="secondary">{r.unitCode}</Typography.Text>
              </span>
            ),
          },
          { title: t('results.col.street'), dataIndex: 'streetName', render: (v: string | null) => v ?? '—' },
          {
            title: t('results.col.score'),
            dataIndex: 'score',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
          },
          { title: t('results.col.stars'), dataIndex: 'label' },
          {
            title: t('results.col.result'),
            render: (_, r) =>
              r.eligible ? (
                <Tag color="green">{t('results.in')}</Tag>
              ) : (
                r.misses.map((m) => (
                  <Tag key={m} color="default">
                    {t(`results.miss.${m}`)}
                  </Tag>
                ))
              ),
          },
        ]}
      />
      <Columns t={t} text={t('results.candidates.col')} />
    </Section>
  );
}

function Streets({ code, t }: { code: string; t: InboxTranslate }) {
  const summary = useStreetSummary(code);
  return (
    <Section
      title={t('results.streets.title')}
      extra={
        <DownloadMenu
          url={(format) => streetsExportUrl(code, format)}
          excelLabel={t('results.streets.export')}
          json={false}
        />
      }
    >
      <Typography.Paragraph>{t('results.streets.intro')}</Typography.Paragraph>
      {summary.isError && <ErrorBox error={summary.error} onRetry={() => summary.refetch()} />}
      <Table<StreetSummaryRowView>
        size="small"
        rowKey="streetCode"
        loading={summary.isPending}
        dataSource={summary.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          { title: t('results.col.rank'), dataIndex: 'rank', width: 64 },
          { title: t('results.col.street'), dataIndex: 'streetName' },
          {
            title: t('results.col.score'),
            dataIndex: 'score',
            align: 'right',
            render: (v: number) => v.toFixed(2),
          },
          { title: t('results.col.units'), dataIndex: 'units', align: 'right' },
          { title: t('results.col.byStars'), dataIndex: 'byStars', render: (v: number[]) => v.join(' / ') },
          {
            title: t('results.col.problems'),
            align: 'right',
            render: (_, r) => `${r.notified} / ${r.closed}`,
          },
          {
            title: t('results.col.rate'),
            dataIndex: 'closureRate',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`),
          },
          {
            title: t('results.col.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
        ]}
      />
      <Columns t={t} text={t('results.streets.col')} />
    </Section>
  );
}

/** 结果运用 (district admins): the year's star ratings, award candidates and the per-street summary, as Excel. */
export function ResultsPage() {
  const { t } = useInboxI18n();
  const navigate = useNavigate();
  const { campaigns, chosen } = useChosenCampaign();
  if (campaigns.isPending) return <Loading />;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('results.title')}
        subtitle={
          <CampaignSubtitle
            campaign={chosen}
            text={(c) => t('results.subtitle', { name: c.name, year: c.year })}
          />
        }
        extra={<CampaignPicker campaigns={campaigns.data} chosen={chosen} />}
      />
      {!chosen ? (
        <EmptyState description={t('results.noCampaign')} />
      ) : (
        <div style={{ maxWidth: 1100 }}>
          <Section
            title={t('results.ratings.title')}
            extra={
              <Flex gap={8} wrap>
                <Button
                  icon={<StarOutlined />}
                  onClick={() => navigate(`/ratings?campaign=${encodeURIComponent(chosen.code)}`)}
                >
                  {t('results.ratings.open')}
                </Button>
                <DownloadMenu
                  url={(format) => starRatingExportUrl(chosen.code, format)}
                  excelLabel={t('results.ratings.export')}
                  json={false}
                />
              </Flex>
            }
          >
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('results.ratings.intro')}
            </Typography.Paragraph>
            <Columns t={t} text={t('results.ratings.col')} />
          </Section>
          <Candidates code={chosen.code} t={t} />
          <Streets code={chosen.code} t={t} />
          <Section
            title={t('results.cadres.title')}
            extra={
              <Button
                icon={<IdcardOutlined />}
                onClick={() => navigate(`/cadres?tab=results&campaign=${encodeURIComponent(chosen.code)}`)}
              >
                {t('results.cadres.open')}
              </Button>
            }
          >
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t('results.cadres.intro')}
            </Typography.Paragraph>
          </Section>
        </div>
      )}
    </>
  );
}
