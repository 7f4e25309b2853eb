import { Tag } from 'antd';
import type { ObjectionStatus, PublicationScope } from '../../api/types';
import type { PublicationsTranslate } from './i18n';

export function ScopeTag({ scope, t }: { scope: PublicationScope; t: PublicationsTranslate }) {
  return <Tag color={scope === 'public' ? 'green' : 'blue'}>{t(`pub.scope.${scope}`)}</Tag>;
}

export function WindowTag({ open, end, t }: { open: boolean; end: string; t: PublicationsTranslate }) {
  return open ? (
    <Tag color="orange">{t('pub.window.open', { end })}</Tag>
  ) : (
    <Tag>{t('pub.window.closed', { end })}</Tag>
  );
}

const STATUS_COLOR: Record<ObjectionStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'default',
};

export function ObjectionStatusTag({ status, t }: { status: ObjectionStatus; t: PublicationsTranslate }) {
  return <Tag color={STATUS_COLOR[status]}>{t(`pub.status.${status}`)}</Tag>;
}
