import { CheckCircleOutlined, DownOutlined, SafetyCertificateOutlined, UpOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { api, query } from '../../api/client';
import type { AuditEntryView, AuditVerifyView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { queryKeys } from '../../hooks/queryKeys';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useContestGroups, useUnits } from '../../hooks/useUnits';
import { useUsers } from '../../hooks/useUsers';
import { isMessageKey, type Lang, type Translate, useI18n } from '../../i18n';
import { type DiffRow, diffSnapshots, show } from './diff';

const PAGE = 50;
const KNOWN_ENTITIES = ['unit', 'user', 'contestGroup', 'campaign', 'target', 'score', 'bonus'];

function entityLabel(entity: string, t: Translate): string {
  const key = `audit.entity.${entity}`;
  return isMessageKey(key) ? t(key) : entity;
}

/**
 * A readable name for an audit action code: an explicit label when there is one, else built from
 * its verb and subject (`campaign.item.create` → 新增考核指标), else the code itself.
 */
function actionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  if (isMessageKey(key)) return t(key);
  const parts = action.split('.');
  const verbKey = `audit.verb.${parts[parts.length - 1]}`;
  const subject = parts.slice(0, -1).join('.');
  const subjectKey = [`audit.subject.${subject}`, `audit.entity.${subject}`].find(isMessageKey);
  if (isMessageKey(verbKey) && subjectKey) {
    return t('audit.actionPattern', { verb: t(verbKey), subject: t(subjectKey) });
  }
  return action;
}

function fieldLabel(key: string, t: Translate): string {
  const label = `audit.fieldName.${key}`;
  return isMessageKey(label) ? t(label) : key;
}

/** Lookups that turn ids in audit entries into names a reader recognises. */
interface Names {
  unitById: Map<string, string>;
  groupById: Map<string, string>;
  userById: Map<string, string>;
}

/** The name of the audited object when it is known, else its id. */
function entityName(entry: AuditEntryView, names: Names): string | null {
  if (!entry.entityId) return null;
  const byEntity: Record<string, Map<string, string>> = {
    unit: names.unitById,
    user: names.userById,
    contestGroup: names.groupById,
  };
  return byEntity[entry.entity]?.get(entry.entityId) ?? null;
}

/** A snapshot value as a reader wants it: names for ids, labels for roles and types, 是/否 for flags. */
function describe(key: string, value: unknown, t: Translate, names: Names, lang: Lang): string {
  if (value === undefined) return '';
  if (value === null) return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    if (key === 'role' || key === 'type') {
      const label = `${key === 'role' ? 'role' : 'unitType'}.${value}`;
      if (isMessageKey(label)) return t(label);
    }
    if (key === 'parentId') return names.unitById.get(value) ?? value;
    if (key === 'contestGroupId') return names.groupById.get(value) ?? value;
    if (key.endsWith('At')) return formatDateTime(value, lang);
    return value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.length === 0 ? t('common.none') : value.join(t('common.enumSeparator'));
  }
  return show(value);
}

/** Before/after of one audit entry, field by field, changed fields highlighted; a list on phones. */
function EntryDiff({ entry, names, compact }: { entry: AuditEntryView; names: Names; compact: boolean }) {
  const { t, lang } = useI18n();
  const rows = diffSnapshots(entry.before, entry.after);
  if (!rows) {
    return (
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
          <pre className="wx-json">{show(entry.before) || '—'}</pre>
        </div>
        <div style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
          <pre className="wx-json">{show(entry.after) || '—'}</pre>
        </div>
      </Flex>
    );
  }
  const text = (row: DiffRow, side: 'before' | 'after') => {
    const snapshot = side === 'before' ? entry.before : entry.after;
    const value = side === 'before' ? row.before : row.after;
    if (snapshot === null || value === undefined) return '—';
    return describe(row.key, value, t, names, lang);
  };
  const hash = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('common.labelValue', { label: t('audit.hash'), value: '' })}
      <code style={{ wordBreak: 'break-all' }}>{entry.hash}</code>
    </Typography.Text>
  );
  if (compact) {
    return (
      <Flex vertical gap={6}>
        {rows.map((row) => (
          <div key={row.key} className={row.changed ? 'wx-diff-item wx-diff-item-changed' : 'wx-diff-item'}>
            <Typography.Text strong style={{ fontSize: 13 }}>
              {fieldLabel(row.key, t)}
            </Typography.Text>
            {entry.before !== null && (
              <div className="wx-diff-line">
                <span className="wx-muted">
                  {t('common.labelValue', { label: t('audit.before'), value: '' })}
                </span>
                {text(row, 'before')}
              </div>
            )}
            <div className="wx-diff-line">
              <span className="wx-muted">
                {t('common.labelValue', { label: t('audit.after'), value: '' })}
              </span>
              <span style={row.changed ? { fontWeight: 600 } : undefined}>{text(row, 'after')}</span>
            </div>
          </div>
        ))}
        {hash}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8}>
      <Table<DiffRow>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        dataSource={rows}
        rowClassName={(row) => (row.changed ? 'wx-diff-changed' : '')}
        locale={{ emptyText: t('audit.noData') }}
        columns={[
          { title: t('audit.field'), dataIndex: 'key', width: 140, render: (v: string) => fieldLabel(v, t) },
          {
            title: t('audit.before'),
            dataIndex: 'before',
            render: (_, row) => <span className="wx-diff-value">{text(row, 'before')}</span>,
          },
          {
            title: t('audit.after'),
            dataIndex: 'after',
            render: (_, row) => (
              <span className="wx-diff-value" style={row.changed ? { fontWeight: 600 } : undefined}>
                {text(row, 'after')}
              </span>
            ),
          },
        ]}
      />
      {hash}
    </Flex>
  );
}

/** One audit entry as a card (phones): who did what to which object, with the diff on demand. */
function EntryCard({ entry, names }: { entry: AuditEntryView; names: Names }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const name = entityName(entry, names);
  const expandable = entry.before !== null || entry.after !== null;
  return (
    <Flex vertical gap={6}>
      <Flex justify="space-between" align="center" gap={8}>
        <Tag style={{ marginInlineEnd: 0 }}>{actionLabel(entry.action, t)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{entry.seq} · {formatDateTime(entry.at, lang)}
        </Typography.Text>
      </Flex>
      <Typography.Text>
        {t('common.labelValue', {
          label: entityLabel(entry.entity, t),
          value: name ?? entry.entityId ?? '—',
        })}
      </Typography.Text>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('common.labelValue', { label: t('audit.actor'), value: entry.actorName ?? t('audit.system') })}
        </Typography.Text>
        {expandable && (
          <Button
            size="small"
            type="link"
            icon={open ? <UpOutlined /> : <DownOutlined />}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? t('audit.hideChanges') : t('audit.showChanges')}
          </Button>
        )}
      </Flex>
      {open && <EntryDiff entry={entry} names={names} compact />}
    </Flex>
  );
}

/** The audit log: entries newest first with an expandable before/after diff, and a chain check. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const [entity, setEntity] = useState<string | undefined>(undefined);

  const entries = useInfiniteQuery({
    queryKey: queryKeys.audit(entity),
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam }) =>
      (
        await api.get<{ entries: AuditEntryView[] }>(
          `/api/audit${query({ limit: PAGE, beforeSeq: pageParam, entity })}`,
        )
      ).entries,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.seq),
  });
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => api.get<AuditVerifyView>('/api/audit/verify'),
    enabled: false,
    retry: false,
  });

  const rows = useMemo(() => entries.data?.pages.flat() ?? [], [entries.data]);
  const units = useUnits();
  const groups = useContestGroups();
  const users = useUsers();
  const names = useMemo<Names>(
    () => ({
      unitById: new Map(
        (units.data ?? []).map((u) => [u.id, t('common.nameWithCode', { name: u.name, code: u.code })]),
      ),
      groupById: new Map((groups.data ?? []).map((g) => [g.id, g.name])),
      userById: new Map(
        (users.data ?? []).map((u) => [
          u.id,
          t('common.nameWithCode', { name: u.displayName, code: u.username }),
        ]),
      ),
    }),
    [units.data, groups.data, users.data, t],
  );
  const entityOptions = useMemo(() => {
    const all = new Set([...KNOWN_ENTITIES, ...rows.map((r) => r.entity)]);
    return [...all].map((e) => ({ value: e, label: entityLabel(e, t) }));
  }, [rows, t]);

  let verifyResult: ReactNode = null;
  if (verify.isError) {
    verifyResult = (
      <Alert type="error" showIcon title={errorMessage(verify.error, t('common.unknownError'))} />
    );
  } else if (verify.data) {
    verifyResult = verify.data.ok ? (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        title={t('audit.verifyOk')}
        description={t('audit.verifyOkText', { count: verify.data.checked })}
      />
    ) : (
      <Alert
        type="error"
        showIcon
        title={t('audit.verifyBroken', { seq: verify.data.firstBrokenSeq ?? '?' })}
        description={
          <>
            <div>{verify.data.reason ?? t('audit.verifyNoReason')}</div>
            <div>{t('audit.verifyCheckedText', { count: verify.data.checked })}</div>
          </>
        }
      />
    );
  }

  let list: ReactNode;
  if (entries.isPending) list = <Loading />;
  else if (entries.isError) list = <ErrorBox error={entries.error} onRetry={() => entries.refetch()} />;
  else if (rows.length === 0) list = <EmptyState description={t('audit.empty')} />;
  else if (isMobile) {
    list = (
      <CardList
        items={rows}
        rowKey={(e) => String(e.seq)}
        render={(e) => <EntryCard entry={e} names={names} />}
      />
    );
  } else {
    list = (
      <Table<AuditEntryView>
        rowKey="seq"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (entry) => <EntryDiff entry={entry} names={names} compact={false} />,
          rowExpandable: (entry) => entry.before !== null || entry.after !== null,
        }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 72, align: 'right' },
          {
            title: t('audit.time'),
            dataIndex: 'at',
            width: 150,
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 170,
            render: (v: string | null) => v ?? t('audit.system'),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 130,
            render: (v: string) => <Tag style={{ marginInlineEnd: 0 }}>{actionLabel(v, t)}</Tag>,
          },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            render: (_, entry) => {
              const name = entityName(entry, names);
              return (
                <Flex vertical>
                  <span>
                    {name
                      ? t('common.labelValue', { label: entityLabel(entry.entity, t), value: name })
                      : entityLabel(entry.entity, t)}
                  </span>
                  {entry.entityId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {entry.entityId}
                    </Typography.Text>
                  )}
                </Flex>
              );
            },
          },
        ]}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('menu.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isFetching}
            onClick={() => verify.refetch()}
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verifyResult && <div style={{ marginBottom: 16 }}>{verifyResult}</div>}
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('audit.allEntities')}
            aria-label={t('audit.entity')}
            value={entity}
            onChange={(v: string | undefined) => setEntity(v)}
            options={entityOptions}
            style={{ width: isMobile ? '100%' : 200 }}
          />
        </Flex>
        {list}
        {rows.length > 0 && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            {entries.hasNextPage ? (
              <Button loading={entries.isFetchingNextPage} onClick={() => entries.fetchNextPage()}>
                {t('audit.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('audit.end', { count: rows.length })}</Typography.Text>
            )}
          </Flex>
        )}
      </Card>
    </>
  );
}
