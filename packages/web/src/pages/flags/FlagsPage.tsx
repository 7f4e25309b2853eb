import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FlagAwardView, FlagStatus } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { namesOf } from '../../components/campaign/labels';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { type FlagFilters, useDecideFlag, useFlags } from '../../hooks/useRatings';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { useUnitOptions } from '../problems/unitOptions';
import { CreateFlagModal, RejectFlagModal } from './FlagDialogs';
import { FlagCards, FlagTable } from './FlagList';
import { CapIndicator, capLevel, FLAG_STATUSES } from './labels';

const DOT_COLORS: Record<FlagStatus, string> = {
  pending: '#1677ff',
  approved: '#389e0d',
  rejected: '#cf1322',
};

/**
 * 夺旗争先: flag awards of a campaign by status and street, with each unit×star's bonus cap; district and
 * street admins propose, the district admin approves or rejects; a village sees its own awards.
 */
export function FlagsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const user = useUser();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const detail = useCampaign(chosen?.code);
  const isDistrict = user.role === 'district_admin';
  const isVillage = user.role === 'village_user';
  const canPropose = isDistrict || user.role === 'street_admin';
  const units = useUnitOptions(!isVillage);
  const [createOpen, setCreateOpen] = useState(false);
  const [rejecting, setRejecting] = useState<FlagAwardView | null>(null);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const filters: FlagFilters = {
    status: params.get('status') ?? undefined,
    street: params.get('street') ?? undefined,
  };
  const list = useFlags(chosen?.code, filters);
  const all = useFlags(chosen?.code, { street: filters.street });
  const decide = useDecideFlag(chosen?.code ?? '');

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const starName = namesOf(detail.data?.stars);
  const bonus = detail.data?.modules.find((m) => m.kind === 'bonus');
  const unitName = useMemo(() => {
    const names = new Map((all.data?.rows ?? []).map((r) => [r.unitCode, r.unitName]));
    return (code: string) => names.get(code) ?? units.nameOf(code);
  }, [all.data, units]);

  const approve = (a: FlagAwardView) =>
    modal.confirm({
      title: t('flags.approveConfirm', { title: a.title, unit: a.unitName }),
      content: t('flags.approveHint', { points: String(a.points), star: a.starName }),
      okText: t('flags.approve'),
      onOk: () => {
        setBusyId(a.id);
        return decide
          .mutateAsync({ id: a.id, approve: true, body: {} })
          .then(() => message.success(t('flags.approved', { unit: a.unitName })))
          .catch((e: unknown) => message.error(errorMessage(e, t('common.unknownError'))))
          .finally(() => setBusyId(null));
      },
    });

  const reject = (note: string) => {
    if (!rejecting) return;
    const a = rejecting;
    setRejectError(null);
    decide.mutate(
      { id: a.id, approve: false, body: { note } },
      {
        onSuccess: () => {
          message.success(t('flags.rejected', { unit: a.unitName }));
          setRejecting(null);
        },
        onError: (e) => setRejectError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };

  const counts = all.data?.counts;
  const status = filters.status;
  const statusTags = (
    <Flex gap={8} wrap className="wx-status-counts" role="group" aria-label={t('flags.byStatus')}>
      <Tag.CheckableTag checked={!status} onChange={() => update({ status: undefined })}>
        {t('flags.countAll', {
          count: counts ? counts.pending + counts.approved + counts.rejected : '…',
        })}
      </Tag.CheckableTag>
      {FLAG_STATUSES.map((s) => (
        <Tag.CheckableTag
          key={s}
          checked={status === s}
          onChange={(on) => update({ status: on ? s : undefined })}
          style={status === s ? undefined : { borderColor: 'transparent' }}
        >
          <span style={{ color: status === s ? undefined : DOT_COLORS[s] }}>●</span>{' '}
          {t('flags.countStatus', { status: t(`flags.status.${s}`), count: counts ? counts[s] : '…' })}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );

  const watched = (all.data?.caps ?? [])
    .filter((c) => capLevel(c) !== 'ok')
    .sort((a, b) => Number(b.capped) - Number(a.capped) || b.awarded - a.awarded);
  const capPanel = chosen && all.data && (
    <Card
      size="small"
      title={t('flags.capPanel', { budget: bonus ? String(bonus.budget) : '—' })}
      style={{ marginBottom: 12 }}
      data-testid="cap-panel"
    >
      {watched.length === 0 ? (
        <Typography.Text type="secondary">{t('flags.capNone')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {watched.map((c) => (
            <Flex key={`${c.unitCode}-${c.star}`} gap={8} align="center" wrap>
              <Typography.Text strong style={{ minWidth: 84 }}>
                {unitName(c.unitCode)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ minWidth: 72 }}>
                {starName(c.star)}
              </Typography.Text>
              <CapIndicator cap={c} />
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );

  let body: ReactNode;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else if (list.data && list.data.rows.length === 0)
    body = (
      <EmptyState description={status || filters.street ? t('flags.emptyFiltered') : t('flags.empty')} />
    );
  else if (list.data) {
    const props = {
      rows: list.data.rows,
      canDecide: isDistrict,
      onApprove: approve,
      onReject: (a: FlagAwardView) => {
        setRejectError(null);
        setRejecting(a);
      },
      busyId,
      loading: list.isPlaceholderData,
      oneUnit: isVillage,
    };
    body = isMobile ? <FlagCards {...props} /> : <FlagTable {...props} />;
  }

  return (
    <>
      <PageHeader
        title={t('flags.title')}
        subtitle={<CampaignSubtitle campaign={chosen} text={(c) => t('flags.subtitle', { name: c.name })} />}
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {canPropose && chosen && bonus && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
                {t('flags.create')}
              </Button>
            )}
          </>
        }
      />
      {chosen && detail.data && !bonus && (
        <Alert type="info" showIcon title={t('flags.noBonusModule')} style={{ marginBottom: 12 }} />
      )}
      {isVillage && (
        <Alert type="info" showIcon title={t('flags.villageHint')} style={{ marginBottom: 12 }} />
      )}
      {capPanel}
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex vertical gap={12} style={{ marginBottom: 12 }}>
          {statusTags}
          {isDistrict && (
            <Select
              allowClear
              placeholder={t('flags.col.street')}
              aria-label={t('flags.col.street')}
              value={filters.street}
              onChange={(v?: string) => update({ street: v })}
              style={{ width: isMobile ? '100%' : 180 }}
              options={units.streets.map((u) => ({ value: u.code, label: u.name }))}
            />
          )}
        </Flex>
        {body}
      </Card>
      {chosen && canPropose && bonus && (
        <CreateFlagModal
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          campaign={chosen.code}
          year={chosen.year}
          stars={detail.data?.stars ?? []}
          budget={bonus.budget}
          caps={all.data?.caps ?? []}
        />
      )}
      <RejectFlagModal
        award={rejecting}
        onClose={() => setRejecting(null)}
        onSubmit={reject}
        pending={decide.isPending}
        error={rejectError}
      />
    </>
  );
}
