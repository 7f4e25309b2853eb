import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Input, Select, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ProblemStatus } from '../../api/types';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { namesOf } from '../../components/campaign/labels';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { type ProblemFilters, problemExportUrl, useProblems } from '../../hooks/useProblems';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { SEVERITIES, SOURCES, STATUSES } from './labels';
import { ProblemCards, ProblemTable } from './ProblemList';
import { RaiseProblemModal } from './RaiseProblemModal';
import { useUnitOptions } from './unitOptions';
import './problems.css';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';

const PAGE_SIZE = 20;
const FILTER_KEYS = [
  'status',
  'source',
  'severity',
  'street',
  'unit',
  'star',
  'round',
  'overdue',
  'q',
] as const;

const STATUS_COLORS: Record<ProblemStatus, string> = {
  open: '#cf1322',
  submitted: '#1677ff',
  reviewing: '#722ed1',
  closed: '#389e0d',
};

/**
 * 问题台账: every problem the viewer may see, filtered by campaign, state, source, severity, street, unit,
 * star, overdue and text; status counts to click; export; district and street admins record new ones.
 */
export function ProblemsPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const detail = useCampaign(chosen?.code);
  const [raiseOpen, setRaiseOpen] = useState(false);
  const isDistrict = user.role === 'district_admin';
  const isVillage = user.role === 'village_user';
  const canRaise = isDistrict || user.role === 'street_admin';
  const units = useUnitOptions(!isVillage);
  const [text, setText] = useState(params.get('q') ?? '');

  const get = (k: string) => params.get(k) ?? undefined;
  const filters: ProblemFilters = {
    campaign: chosen?.code,
    ...Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)])),
    page: Number(params.get('page')) || 1,
    pageSize: PAGE_SIZE,
  };
  const list = useProblems(filters, Boolean(chosen));
  // The counts ignore the state filters, so every state's number stays visible while one is chosen.
  const counts = useProblems(
    { ...filters, status: undefined, overdue: undefined, page: 1, pageSize: 1 },
    Boolean(chosen),
  );

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const starName = namesOf(detail.data?.stars);
  const streetOptions = units.streets.map((u) => ({ value: u.code, label: u.name }));
  const unitOptions = useMemo(
    () => units.unitsOf(params.get('street') ?? undefined).map((u) => ({ value: u.code, label: u.name })),
    [units, params],
  );
  const half = isMobile ? { width: 'calc(50% - 4px)' } : { width: 140 };

  const c = counts.data?.counts;
  const status = params.get('status');
  const overdue = params.get('overdue') === 'true';
  const statusTags = (
    <Flex gap={8} wrap className="wx-status-counts" role="group" aria-label={t('problems.byStatus')}>
      <Tag.CheckableTag
        checked={!status && !overdue}
        onChange={() => update({ status: undefined, overdue: undefined })}
      >
        {t('problems.countAll', { count: counts.data?.total ?? '…' })}
      </Tag.CheckableTag>
      {STATUSES.map((s) => (
        <Tag.CheckableTag
          key={s}
          checked={status === s}
          onChange={(on) => update({ status: on ? s : undefined, overdue: undefined })}
          style={status === s ? undefined : { borderColor: 'transparent' }}
        >
          <span style={{ color: status === s ? undefined : STATUS_COLORS[s] }}>●</span>{' '}
          {t('problems.countStatus', { status: t(`problems.status.${s}`), count: c ? c[s] : '…' })}
        </Tag.CheckableTag>
      ))}
      <Tag.CheckableTag
        checked={overdue}
        onChange={(on) => update({ overdue: on ? 'true' : undefined, status: undefined })}
      >
        <span style={{ color: overdue ? undefined : '#cf1322', fontWeight: 600 }}>
          {t('problems.countOverdue', { count: c ? c.overdue : '…' })}
        </span>
      </Tag.CheckableTag>
    </Flex>
  );

  const filterBar = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t('problems.field.source')}
        aria-label={t('problems.field.source')}
        value={get('source')}
        onChange={(v?: string) => update({ source: v })}
        style={half}
        options={SOURCES.map((s) => ({ value: s, label: t(`problems.source.${s}`) }))}
      />
      <Select
        allowClear
        placeholder={t('problems.field.severity')}
        aria-label={t('problems.field.severity')}
        value={get('severity')}
        onChange={(v?: string) => update({ severity: v })}
        style={half}
        options={SEVERITIES.map((s) => ({ value: s, label: t(`problems.severity.${s}`) }))}
      />
      {isDistrict && (
        <Select
          allowClear
          placeholder={t('problems.field.street')}
          aria-label={t('problems.field.street')}
          value={get('street')}
          onChange={(v?: string) => update({ street: v, unit: undefined })}
          style={half}
          options={streetOptions}
        />
      )}
      {!isVillage && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('problems.field.unit')}
          aria-label={t('problems.field.unit')}
          value={get('unit')}
          onChange={(v?: string) => update({ unit: v })}
          style={half}
          options={unitOptions}
        />
      )}
      <Select
        allowClear
        placeholder={t('problems.field.star')}
        aria-label={t('problems.field.star')}
        value={get('star')}
        onChange={(v?: string) => update({ star: v })}
        style={half}
        options={(detail.data?.stars ?? []).map((s) => ({ value: s.code, label: s.name }))}
      />
      <Input.Search
        allowClear
        placeholder={t('problems.searchPlaceholder')}
        aria-label={t('problems.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => update({ q: v.trim() || undefined })}
        style={{ width: isMobile ? '100%' : 240 }}
      />
      <Checkbox
        checked={overdue}
        onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}
      >
        {t('problems.overdueOnly')}
      </Checkbox>
    </Flex>
  );

  let body: ReactNode;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else if (list.data && list.data.rows.length === 0)
    body = (
      <EmptyState
        description={
          FILTER_KEYS.some((k) => params.get(k)) ? t('problems.emptyFiltered') : t('problems.empty')
        }
      />
    );
  else if (list.data) {
    const props = {
      rows: list.data.rows,
      starName,
      onOpen: (p: { id: string }) => navigate(`/problems/${encodeURIComponent(p.id)}`),
      page: list.data.page,
      pageSize: list.data.pageSize,
      total: list.data.total,
      onPage: (page: number) => update({ page: page > 1 ? String(page) : undefined }),
      loading: list.isPlaceholderData,
      oneUnit: isVillage,
    };
    body = isMobile ? <ProblemCards {...props} /> : <ProblemTable {...props} />;
  }

  const exportMenu = chosen && (
    <DownloadMenu json={false} url={(f) => problemExportUrl(filters, f === 'csv' ? 'csv' : 'xlsx')} />
  );

  return (
    <>
      <PageHeader
        title={t('problems.title')}
        subtitle={
          <CampaignSubtitle campaign={chosen} text={(c) => t('problems.subtitle', { name: c.name })} />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {canRaise && chosen && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaiseOpen(true)}>
                {t('problems.raise')}
              </Button>
            )}
            {exportMenu}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex vertical gap={12} style={{ marginBottom: 4 }}>
          {statusTags}
          {filterBar}
        </Flex>
        {params.get('round') && (
          <Typography.Paragraph type="secondary">
            {t('problems.roundFilter')}{' '}
            <Typography.Link onClick={() => update({ round: undefined })}>
              {t('problems.clearRound')}
            </Typography.Link>
          </Typography.Paragraph>
        )}
        {body}
      </Card>
      {chosen && canRaise && (
        <RaiseProblemModal
          open={raiseOpen}
          onClose={() => setRaiseOpen(false)}
          campaign={chosen.code}
          stars={detail.data?.stars ?? []}
        />
      )}
    </>
  );
}
