import {
  CameraOutlined,
  CloudOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  FileDoneOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../components/format';
import { useSyncState } from '../../hooks/useInspections';
import { useI18n } from '../../i18n';
import { discardEntry, requestSync, retryEntry } from '../../offline/engine';
import { photoKeysOf, type QueueEntry, syncOrder } from '../../offline/queue';

const KIND_ICON = {
  photo: CameraOutlined,
  sheet: FileDoneOutlined,
  courtyard: FileDoneOutlined,
  problem: ExclamationCircleOutlined,
};

/** The user's queued entries, oldest first. */
export function useMyQueue(owner: string) {
  const sync = useSyncState();
  // In the order they will be sent: photos, sheets, problems.
  const entries = useMemo(
    () => syncOrder(sync.entries.filter((e) => e.owner === owner)),
    [sync.entries, owner],
  );
  return { sync, entries };
}

/** A count badge for page headers: how many items wait to sync. */
export function QueueBadge({ owner }: { owner: string }) {
  const { t } = useI18n();
  const { entries } = useMyQueue(owner);
  if (entries.length === 0) return null;
  const attention = entries.some((e) => e.state === 'attention');
  return (
    <Badge
      count={entries.length}
      color={attention ? '#cf1322' : '#fa8c16'}
      title={t('onsite.sync.waiting', { count: entries.length })}
    >
      <Tag
        icon={<CloudSyncOutlined />}
        color={attention ? 'error' : 'warning'}
        style={{ marginInlineEnd: 0 }}
      >
        {t('onsite.sync.badge')}
      </Tag>
    </Badge>
  );
}

function QueueItem({ entry, blockedByPhoto }: { entry: QueueEntry; blockedByPhoto: boolean }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const Icon = KIND_ICON[entry.kind];
  const attention = entry.state === 'attention';
  const confirmDiscard = () =>
    modal.confirm({
      title: t('onsite.sync.discardTitle'),
      content: entry.kind === 'sheet' ? t('onsite.sync.discardSheet') : t('onsite.sync.discardOther'),
      okText: t('onsite.sync.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => discardEntry(entry.key),
    });
  return (
    <div style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Flex gap={8} align="flex-start">
        <Icon style={{ fontSize: 18, marginTop: 3, color: attention ? '#cf1322' : 'rgba(0,0,0,0.45)' }} />
        <Flex vertical style={{ minWidth: 0, flex: 1 }} gap={2}>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong>{t(`onsite.sync.kind.${entry.kind}`)}</Typography.Text>
            <Typography.Text>{entry.unitName}</Typography.Text>
            {attention ? (
              <Tag color="error" style={{ marginInlineEnd: 0 }}>
                {t('onsite.sync.attention')}
              </Tag>
            ) : blockedByPhoto ? (
              <Tag style={{ marginInlineEnd: 0 }}>{t('onsite.sync.waitingPhotos')}</Tag>
            ) : (
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {t('onsite.status.pending')}
              </Tag>
            )}
          </Flex>
          {entry.detail && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {entry.detail}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('onsite.sync.created', { time: formatDateTime(entry.createdAt, lang) })}
            {entry.attempts > 0 ? ` · ${t('onsite.sync.attempts', { count: entry.attempts })}` : ''}
          </Typography.Text>
          {entry.lastError && (
            <Typography.Text type={attention ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {entry.lastError}
            </Typography.Text>
          )}
          {(attention || entry.attempts > 0) && (
            <Flex gap={8} style={{ marginTop: 4 }}>
              <Button size="small" onClick={() => void retryEntry(entry.key)}>
                {t('onsite.sync.retry')}
              </Button>
              <Button size="small" danger onClick={confirmDiscard}>
                {t('onsite.sync.discard')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Flex>
    </div>
  );
}

/**
 * The sync bar: online or not, how many items wait, 立即同步, the last sync, and (expanded) each waiting item
 * with its error and retry / discard.
 */
export function SyncPanel({
  owner,
  filter,
  showList = true,
}: {
  owner: string;
  filter?: (entry: QueueEntry) => boolean;
  showList?: boolean;
}) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { sync, entries: all } = useMyQueue(owner);
  const entries = filter ? all.filter(filter) : all;
  const photoKeys = new Set(all.filter((e) => e.kind === 'photo').map((e) => e.key));
  const attention = all.filter((e) => e.state === 'attention').length;

  return (
    <Card size="small" styles={{ body: { padding: '10px 12px' } }} data-testid="sync-panel">
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap justify="space-between">
          <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
            {sync.online ? (
              <Tag icon={<CloudOutlined />} color="success" style={{ marginInlineEnd: 0 }}>
                {t('onsite.sync.online')}
              </Tag>
            ) : (
              <Tag icon={<DisconnectOutlined />} color="default" style={{ marginInlineEnd: 0 }}>
                {t('onsite.sync.offline')}
              </Tag>
            )}
            <Typography.Text strong data-testid="sync-count">
              {all.length > 0 ? t('onsite.sync.waiting', { count: all.length }) : t('onsite.sync.allDone')}
            </Typography.Text>
            {attention > 0 && (
              <Typography.Text type="danger">
                <WarningOutlined /> {t('onsite.sync.attentionCount', { count: attention })}
              </Typography.Text>
            )}
          </Flex>
          <Button
            size="small"
            type={all.length > 0 ? 'primary' : 'default'}
            icon={<CloudSyncOutlined />}
            loading={sync.syncing}
            disabled={!sync.online}
            onClick={() => void requestSync({ force: true })}
          >
            {sync.syncing ? t('onsite.sync.syncing') : t('onsite.sync.now')}
          </Button>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sync.lastSyncAt
            ? t('onsite.sync.last', { time: formatDateTime(sync.lastSyncAt, lang) })
            : t('onsite.sync.never')}
        </Typography.Text>
        {!sync.online && <Alert type="warning" showIcon title={t('onsite.sync.offlineHint')} />}
        {sync.unavailable && <Alert type="error" showIcon title={t('onsite.sync.unavailable')} />}
        {sync.needsLogin && (
          <Alert
            type="warning"
            showIcon
            title={t('onsite.sync.needsLogin')}
            action={
              <Button size="small" onClick={() => navigate('/login')}>
                {t('onsite.sync.login')}
              </Button>
            }
          />
        )}
        {showList && entries.length > 0 && (
          <div data-testid="sync-list">
            {entries.map((e) => (
              <QueueItem
                key={e.key}
                entry={e}
                blockedByPhoto={photoKeysOf(e).some((k) => photoKeys.has(k))}
              />
            ))}
          </div>
        )}
      </Flex>
    </Card>
  );
}
