import { CheckOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { InboxItemView, InboxKind } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useInbox, useMarkRead } from '../../hooks/useInbox';
import { type InboxTranslate, useInboxI18n } from './i18n';

/** Tag colours: red for what is past due or failed, orange for what is near, blue for what waits on the user. */
const COLOR: Record<InboxKind, string> = {
  'task.dueSoon': 'orange',
  'task.overdue': 'red',
  'task.returned': 'volcano',
  'task.review': 'blue',
  'problem.new': 'blue',
  'problem.dueSoon': 'orange',
  'problem.overdue': 'red',
  'problem.failed': 'red',
  'problem.review': 'blue',
  'warning.unit': 'gold',
  'warning.street': 'gold',
  'talk.due': 'orange',
  'talk.overdue': 'red',
  'objection.pending': 'purple',
};

function dueText(t: InboxTranslate, item: InboxItemView): string | null {
  if (item.due === null || item.daysLeft === null) return null;
  const talk = item.kind.startsWith('talk.');
  if (item.daysLeft < 0)
    return t(talk ? 'inbox.talkDue.past' : 'inbox.due.past', { days: -item.daysLeft, date: item.due });
  if (item.daysLeft === 0 && !talk) return t('inbox.due.today');
  return t(talk ? 'inbox.talkDue.left' : 'inbox.due.left', { days: item.daysLeft, date: item.due });
}

function InboxRow({
  item,
  t,
  onOpen,
  onRead,
}: {
  item: InboxItemView;
  t: InboxTranslate;
  onOpen: () => void;
  onRead: () => void;
}) {
  const due = dueText(t, item);
  const title = item.level ? t(`inbox.level.${item.level}`) : item.title;
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      data-testid="inbox-item"
      data-kind={item.kind}
      data-read={item.read ? 'true' : 'false'}
      style={{ borderInlineStart: item.read ? undefined : '3px solid #c0392b' }}
      styles={{ body: { padding: '10px 12px' } }}
    >
      <Flex gap={8} align="flex-start">
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={6} align="center" wrap>
            {!item.read && <Badge status="error" aria-label={t('inbox.unread')} />}
            <Tag color={COLOR[item.kind]} style={{ marginInlineEnd: 0 }}>
              {t(`inbox.kind.${item.kind}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.ref}
              {item.unitName ? ` · ${item.unitName}` : ''}
            </Typography.Text>
          </Flex>
          <Typography.Text
            strong={!item.read}
            ellipsis={{ tooltip: title }}
            type={item.level === 'red' ? 'danger' : undefined}
          >
            {title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`inbox.hint.${item.kind}`)}
            {due ? ` · ` : ''}
            {due && (
              <Typography.Text
                type={item.daysLeft !== null && item.daysLeft < 0 ? 'danger' : 'warning'}
                style={{ fontSize: 12, whiteSpace: 'nowrap' }}
              >
                {due}
              </Typography.Text>
            )}
          </Typography.Text>
        </Flex>
        <Flex vertical align="flex-end" gap={4}>
          <RightOutlined style={{ color: '#bbb', marginTop: 4 }} />
          {!item.read && (
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              onClick={(e) => {
                e.stopPropagation();
                onRead();
              }}
            >
              {t('inbox.markRead')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

/** 消息提醒: what needs the user now, most urgent first; opening an item marks it read and goes to it. */
export function InboxPage() {
  const { t } = useInboxI18n();
  const navigate = useNavigate();
  const inbox = useInbox();
  const mark = useMarkRead();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');

  if (inbox.isPending) return <Loading />;
  if (inbox.isError) return <ErrorBox error={inbox.error} onRetry={() => inbox.refetch()} />;
  const data = inbox.data;
  const items = filter === 'unread' ? data.items.filter((i) => !i.read) : data.items;

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        subtitle={`${t('inbox.subtitle')} · ${t('inbox.counts', { total: data.total, unread: data.unread })}`}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={data.unread === 0}
            loading={mark.isPending && mark.variables === 'all'}
            onClick={() => mark.mutate('all')}
          >
            {t('inbox.markAll')}
          </Button>
        }
      />
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        options={[
          { value: 'all', label: `${t('inbox.filter.all')} ${data.total}` },
          { value: 'unread', label: `${t('inbox.filter.unread')} ${data.unread}` },
        ]}
        style={{ marginBottom: 12 }}
      />
      {items.length === 0 ? (
        <EmptyState description={t(filter === 'unread' ? 'inbox.emptyUnread' : 'inbox.empty')} />
      ) : (
        <Flex vertical gap={8} style={{ maxWidth: 760 }}>
          {items.map((item) => (
            <InboxRow
              key={item.key}
              item={item}
              t={t}
              onRead={() => mark.mutate([item.key])}
              onOpen={() => {
                if (!item.read) mark.mutate([item.key]);
                navigate(item.link);
              }}
            />
          ))}
        </Flex>
      )}
    </>
  );
}
