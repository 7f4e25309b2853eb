import { CheckOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Statistic, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { RatedVetoView, StarRatingRowView, StarRatingSummaryView } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { starRatingExportUrl, useConfirmedRating, useStarRatings } from '../../hooks/useRatings';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { CertificateModal } from './CertificateView';
import { ConfirmRatingsModal, RevokeVetoModal, VetoModal } from './RatingDialogs';
import { RatingCards, RatingTable } from './RatingTable';

const LEVEL_KEYS = [
  'ratings.level.0',
  'ratings.level.1',
  'ratings.level.2',
  'ratings.level.3',
  'ratings.level.4',
  'ratings.level.5',
] as const;

const SUMMARY_COLORS = ['#bfbfbf', '#d4b106', '#d48806', '#d46b08', '#d4380d', '#c00000'];

/** 五星支部 n 个, 四星支部 …, 未评星: one small card per n, most stars first. */
function SummaryCards({ summary }: { summary: StarRatingSummaryView }) {
  const { t } = useI18n();
  const sorted = [...summary].sort((a, b) => b.count - a.count);
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="rating-summary">
      {sorted.map((s) => (
        <Col key={s.count} xs={8} sm={8} md={4}>
          <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
            <Statistic
              title={t(LEVEL_KEYS[Math.min(Math.max(s.count, 0), 5)] ?? 'ratings.level.0')}
              value={s.units}
              suffix={t('ratings.unitsSuffix')}
              styles={{ content: { color: SUMMARY_COLORS[Math.min(s.count, 5)], fontSize: 22 } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 星级评定: the year's star rating of every unit in view (n星支部, each star's December score, vetoes),
 * its confirmation as versions, export and the printable certificate list. The district admin records and
 * revokes vetoes and confirms; streets and villages read their scope.
 */
export function StarRatingsPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const isDistrict = user.role === 'district_admin';
  const list = useStarRatings(chosen?.code);
  const versionParam = Number(params.get('version')) || undefined;
  const latest = list.data?.latest ?? null;
  // The versions list comes with any confirmed view; the latest one is fetched when a version exists.
  const confirmed = useConfirmedRating(chosen?.code, versionParam, Boolean(latest));
  const [vetoOpen, setVetoOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [revoking, setRevoking] = useState<{ row: StarRatingRowView; veto: RatedVetoView } | null>(null);
  const certOpen = params.get('print') === 'certificates';

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const frozen = versionParam !== undefined && confirmed.data ? confirmed.data : null;
  const data = list.data;
  const stars = frozen?.stars ?? data?.stars ?? [];
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;

  const versionPicker = latest && (
    <Select
      aria-label={t('ratings.version')}
      value={versionParam ?? 0}
      style={{ minWidth: 180 }}
      popupMatchSelectWidth={false}
      onChange={(v: number) => update({ version: v ? String(v) : undefined })}
      options={[
        { value: 0, label: t('ratings.current') },
        ...(confirmed.data?.versions ?? [latest]).map((v) => ({
          value: v.version,
          label: t('ratings.versionN', { version: v.version }),
        })),
      ]}
    />
  );

  const exportMenu = chosen && (
    <DownloadMenu json={false} url={(f) => starRatingExportUrl(chosen.code, f === 'csv' ? 'csv' : 'xlsx')} />
  );

  let state: ReactNode = null;
  if (data) {
    state = latest ? (
      <Alert
        type="success"
        showIcon
        data-testid="confirmation-state"
        title={t('ratings.confirmedState', {
          version: latest.version,
          by: latest.confirmedByName,
          at: formatDateTime(latest.confirmedAt, lang),
        })}
        description={latest.reason ? t('ratings.confirmedReason', { reason: latest.reason }) : undefined}
      />
    ) : (
      <Alert type="info" showIcon data-testid="confirmation-state" title={t('ratings.unconfirmed')} />
    );
  }
  const changed =
    data && latest && data.changed.length > 0 && !frozen ? (
      <Alert
        type="warning"
        showIcon
        title={t('ratings.changedTitle', { version: latest.version, count: data.changed.length })}
        description={
          <Flex vertical gap={2}>
            {data.changed.map((c) => (
              <span key={c.unitCode}>
                {t('ratings.changedRow', {
                  unit: c.unitName,
                  before: c.confirmed ? c.confirmed.map(starName).join('、') || t('rating.none') : '—',
                  now: c.current ? c.current.map(starName).join('、') || t('rating.none') : '—',
                })}
              </span>
            ))}
          </Flex>
        }
      />
    ) : null;

  let body: ReactNode;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else if (versionParam !== undefined && confirmed.isPending) body = <Loading />;
  else if (versionParam !== undefined && confirmed.isError)
    body = <ErrorBox error={confirmed.error} onRetry={() => confirmed.refetch()} />;
  else if (data) {
    const rows = frozen?.rows ?? data.rows;
    const summary = frozen?.summary ?? data.summary;
    const props = {
      rows,
      stars,
      onRevoke:
        isDistrict && !frozen
          ? (row: StarRatingRowView, veto: RatedVetoView) => setRevoking({ row, veto })
          : undefined,
    };
    body = (
      <>
        <SummaryCards summary={summary} />
        {frozen && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('ratings.viewingVersion', {
              version: frozen.confirmation.version,
              by: frozen.confirmation.confirmedByName,
              at: formatDateTime(frozen.confirmation.confirmedAt, lang),
            })}
            action={
              <Button size="small" onClick={() => update({ version: undefined })}>
                {t('ratings.backToCurrent')}
              </Button>
            }
          />
        )}
        {rows.length === 0 ? (
          <EmptyState description={t('ratings.empty')} />
        ) : (
          <Card
            styles={{ body: { padding: isMobile ? 8 : 0 } }}
            variant={isMobile ? 'borderless' : 'outlined'}
          >
            {isMobile ? <RatingCards {...props} /> : <RatingTable {...props} />}
          </Card>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          {t('ratings.rule', {
            line: data.starLine,
            prerequisite: data.prerequisite ? starName(data.prerequisite) : t('ratings.noPrerequisite'),
          })}
        </Typography.Paragraph>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('ratings.title')}
        subtitle={
          <CampaignSubtitle
            campaign={chosen}
            text={(c) => t('ratings.subtitle', { name: c.name, year: c.year })}
          />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {versionPicker}
            {isDistrict && data && !frozen && (
              <>
                <Button danger icon={<StopOutlined />} onClick={() => setVetoOpen(true)}>
                  {t('ratings.recordVeto')}
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setConfirmOpen(true)}>
                  {t('ratings.confirm')}
                </Button>
              </>
            )}
            {chosen && (
              <Button icon={<PrinterOutlined />} onClick={() => update({ print: 'certificates' })}>
                {t('ratings.printCertificates')}
              </Button>
            )}
            {exportMenu}
          </>
        }
      />
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {state}
        {changed}
      </Flex>
      {body}
      {chosen && data && isDistrict && (
        <>
          <VetoModal open={vetoOpen} onClose={() => setVetoOpen(false)} campaign={chosen.code} list={data} />
          <ConfirmRatingsModal
            open={confirmOpen}
            onClose={() => setConfirmOpen(false)}
            campaign={chosen.code}
            list={data}
          />
          <RevokeVetoModal
            target={revoking}
            onClose={() => setRevoking(null)}
            campaign={chosen.code}
            starName={starName}
          />
        </>
      )}
      {chosen && (
        <CertificateModal
          campaign={chosen.code}
          open={certOpen}
          onClose={() => update({ print: undefined })}
        />
      )}
    </>
  );
}
