import { CloudDownloadOutlined, LoadingOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Collapse, Flex, Progress, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { RoundDetailView, RoundSummaryView, RoundUnitView } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import {
  sheetPath,
  useDrafts,
  useMyClosedRounds,
  useMyRounds,
  usePrefetchSheets,
  useRefreshOnSync,
  useRoundDetails,
} from '../../hooks/useInspections';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import type { SheetDraft } from '../../offline/drafts';
import type { QueueEntry } from '../../offline/queue';
import { RoundTags, scoredLabel, type UnitStatus, UnitStatusTag } from './labels';
import { QueueBadge, SyncPanel, useMyQueue } from './SyncPanel';

interface StreetGroup {
  key: string;
  name: string;
  units: RoundUnitView[];
}

/** The user's units of a round, grouped by street in code order. */
function myUnits(detail: RoundDetailView, owner: string): StreetGroup[] {
  const groups = new Map<string, StreetGroup>();
  for (const u of detail.units) {
    if (!u.inspectors.some((i) => i.username === owner)) continue;
    const key = u.streetCode ?? '';
    const group = groups.get(key) ?? { key, name: u.streetName ?? '', units: [] };
    group.units.push(u);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.units.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function statusOf(
  unit: RoundUnitView,
  roundId: string,
  owner: string,
  queue: readonly QueueEntry[],
  drafts: readonly SheetDraft[],
): UnitStatus {
  const queued = queue.filter(
    (e) => e.kind === 'sheet' && e.roundId === roundId && e.unitCode === unit.unitCode,
  );
  if (queued.some((e) => e.state === 'attention')) return { kind: 'attention' };
  if (queued.length > 0) return { kind: 'pending' };
  if (drafts.some((d) => d.roundId === roundId && d.unitCode === unit.unitCode && d.queuedKey === null))
    return { kind: 'draft' };
  const version = unit.inspectors.find((i) => i.username === owner)?.version ?? 0;
  return version > 0 ? { kind: 'submitted', version } : { kind: 'todo' };
}

/** The user's units of a round grouped by street, each with where their own sheet stands; a tap opens it. */
function RoundUnits({
  round,
  detail,
  owner,
  cached,
  queue,
  drafts,
}: {
  round: RoundSummaryView;
  detail: RoundDetailView | undefined;
  owner: string;
  cached: Set<string>;
  queue: readonly QueueEntry[];
  drafts: readonly SheetDraft[];
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (!detail) return <Loading minHeight={80} />;
  return (
    <>
      {myUnits(detail, owner).map((g) => (
        <Flex key={g.key} vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('onsite.streetGroup', {
              name: g.name || t('inspections.otherUnits'),
              done: g.units.filter((u) => (u.inspectors.find((i) => i.username === owner)?.version ?? 0) > 0)
                .length,
              total: g.units.length,
            })}
          </Typography.Text>
          {g.units.map((u) => {
            const status = statusOf(u, round.id, owner, queue, drafts);
            const offline = cached.has(sheetPath(round.id, u.unitCode));
            return (
              <Card
                key={u.unitCode}
                size="small"
                hoverable
                onClick={() =>
                  navigate(`/inspections/${encodeURIComponent(round.id)}/${encodeURIComponent(u.unitCode)}`)
                }
                styles={{ body: { padding: '10px 12px' } }}
                data-testid={`unit-${round.number}-${u.unitCode}`}
              >
                <Flex align="center" gap={8}>
                  <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong ellipsis>
                      {u.unitName}
                    </Typography.Text>
                    <Flex gap={6} wrap align="center">
                      <UnitStatusTag status={status} />
                      {offline && (
                        <Tag icon={<CloudDownloadOutlined />} style={{ marginInlineEnd: 0 }}>
                          {t('onsite.cachedOne')}
                        </Tag>
                      )}
                      {u.problemCount > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('onsite.problems', { count: u.problemCount })}
                        </Typography.Text>
                      )}
                    </Flex>
                  </Flex>
                  <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                </Flex>
              </Card>
            );
          })}
        </Flex>
      ))}
    </>
  );
}

/** A round's name, kind and mode, number and dates. */
function RoundTitle({ round, closed }: { round: RoundSummaryView; closed?: boolean }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4} style={{ padding: '8px 0', whiteSpace: 'normal' }}>
      <Typography.Text strong style={{ fontSize: 15 }}>
        {round.name}
      </Typography.Text>
      <Flex gap={6} wrap align="center">
        <RoundTags kind={round.kind} mode={round.mode} />
        {closed && <Tag style={{ marginInlineEnd: 0 }}>{t('onsite.closedTag')}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
          {round.number} · {t('onsite.period', { from: round.startsOn, to: round.endsOn })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

function MyProgress({ round, waiting }: { round: RoundSummaryView; waiting: number }) {
  const { t } = useI18n();
  const mine = round.mine ?? { done: 0, total: 0 };
  return (
    <div>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Typography.Text strong data-testid={`progress-${round.number}`}>
          {t('onsite.myProgress', { done: mine.done, total: mine.total })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {waiting > 0 ? t('onsite.waitingUnits', { count: waiting }) : scoredLabel(t, round)}
        </Typography.Text>
      </Flex>
      <Progress
        percent={mine.total ? Math.round((100 * mine.done) / mine.total) : 0}
        showInfo={false}
        size="small"
        strokeColor="#c0392b"
      />
    </div>
  );
}

function RoundCard({
  round,
  detail,
  owner,
  cached,
  queue,
  drafts,
}: {
  round: RoundSummaryView;
  detail: RoundDetailView | undefined;
  owner: string;
  cached: Set<string>;
  queue: readonly QueueEntry[];
  drafts: readonly SheetDraft[];
}) {
  const waiting = new Set(
    queue.filter((e) => e.kind === 'sheet' && e.roundId === round.id).map((e) => e.unitCode),
  ).size;
  return (
    <Card size="small" title={<RoundTitle round={round} />}>
      <Flex vertical gap={12}>
        <MyProgress round={round} waiting={waiting} />
        <RoundUnits
          round={round}
          detail={detail}
          owner={owner}
          cached={cached}
          queue={queue}
          drafts={drafts}
        />
      </Flex>
    </Card>
  );
}

/**
 * 已结束的轮次: the user's closed rounds, folded; opening one loads its units, whose submitted sheets open
 * read-only (a correction with a reason is still possible). Not fetched for offline use.
 */
function ClosedRounds({
  owner,
  rounds,
  queue,
  drafts,
  openFirst,
}: {
  owner: string;
  rounds: readonly RoundSummaryView[];
  queue: readonly QueueEntry[];
  drafts: readonly SheetDraft[];
  openFirst: boolean;
}) {
  const { t } = useI18n();
  const [active, setActive] = useState<string[]>(() => (openFirst && rounds[0] ? [rounds[0].id] : []));
  const ids = rounds.filter((r) => active.includes(r.id)).map((r) => r.id);
  const details = useRoundDetails(owner, ids);
  const detailOf = (id: string) => details.data?.[ids.indexOf(id)]?.value;
  const none = useMemo(() => new Set<string>(), []);
  return (
    <Flex vertical gap={8} data-testid="closed-rounds">
      <Flex vertical gap={0}>
        <Typography.Text strong>{t('onsite.closedRounds', { count: rounds.length })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('onsite.closedHint')}
        </Typography.Text>
      </Flex>
      {details.isError && <ErrorBox error={details.error} onRetry={() => details.refetch()} />}
      <Collapse
        activeKey={active}
        onChange={(keys) => setActive(Array.isArray(keys) ? keys : [keys])}
        style={{ background: '#fff' }}
        items={rounds.map((r) => ({
          key: r.id,
          label: (
            <Flex vertical gap={6}>
              <RoundTitle round={r} closed />
              <MyProgress round={r} waiting={0} />
            </Flex>
          ),
          styles: { header: { alignItems: 'center' } },
          children: (
            <Flex vertical gap={12}>
              {active.includes(r.id) && (
                <RoundUnits
                  round={r}
                  detail={detailOf(r.id)}
                  owner={owner}
                  cached={none}
                  queue={queue}
                  drafts={drafts}
                />
              )}
            </Flex>
          ),
        }))}
      />
    </Flex>
  );
}

/**
 * 现场评分: the user's open rounds with their units grouped by street, each unit's state (未评分, 已提交 vN,
 * 待同步), the sync bar, and — while online — every assigned sheet fetched and kept for offline use.
 */
export function InspectionsPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const owner = user.username;
  useRefreshOnSync();
  const { sync, entries } = useMyQueue(owner);
  const rounds = useMyRounds(owner);
  const closed = useMyClosedRounds(owner);
  const list = rounds.data?.value ?? [];
  const closedList = closed.data ?? [];
  const details = useRoundDetails(
    owner,
    list.map((r) => r.id),
  );
  const drafts = useDrafts(owner);
  const paths = useMemo(() => {
    const all: string[] = [];
    list.forEach((r, i) => {
      const detail = details.data?.[i]?.value;
      if (detail)
        for (const g of myUnits(detail, owner))
          for (const u of g.units) all.push(sheetPath(r.id, u.unitCode));
    });
    return all;
  }, [list, details.data, owner]);
  const prefetch = usePrefetchSheets(owner, paths, sync.online);
  const cachedCount = paths.filter((p) => prefetch.cached.has(p)).length;

  let body: ReactNode;
  if (rounds.isPending) body = <Loading />;
  else if (rounds.isError) body = <ErrorBox error={rounds.error} onRetry={() => rounds.refetch()} />;
  else if (list.length === 0)
    body =
      closedList.length > 0 ? (
        <Card size="small">
          <Typography.Text type="secondary">{t('onsite.noRounds')}</Typography.Text>
        </Card>
      ) : (
        <Card>
          <EmptyState description={t('onsite.noRounds')} />
        </Card>
      );
  else
    body = (
      <Flex vertical gap={12}>
        {details.isError && <ErrorBox error={details.error} onRetry={() => details.refetch()} />}
        {list.map((r, i) => (
          <RoundCard
            key={r.id}
            round={r}
            detail={details.data?.[i]?.value}
            owner={owner}
            cached={prefetch.cached}
            queue={entries}
            drafts={drafts.data ?? []}
          />
        ))}
      </Flex>
    );

  return (
    <>
      <PageHeader
        title={t('menu.myInspections')}
        subtitle={t('onsite.subtitle')}
        extra={<QueueBadge owner={owner} />}
      />
      <Flex vertical gap={12}>
        <SyncPanel owner={owner} />
        {paths.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="offline-ready">
            {prefetch.busy && cachedCount < paths.length ? <LoadingOutlined /> : <CloudDownloadOutlined />}{' '}
            {t('onsite.offlineReady', { done: cachedCount, total: paths.length })}
            {rounds.data?.fromCache
              ? ` · ${t('onsite.fromCache', { time: formatDateTime(rounds.data.savedAt, lang) })}`
              : ''}
          </Typography.Text>
        )}
        {body}
        {closedList.length > 0 && (
          <ClosedRounds
            owner={owner}
            rounds={closedList}
            queue={entries}
            drafts={drafts.data ?? []}
            openFirst={list.length === 0}
          />
        )}
      </Flex>
    </>
  );
}
