import { Tag } from 'antd';
import type { BulletinStatus } from '../../api/types';
import type { BulletinTranslate } from './i18n';

/** 草稿 (orange) / 已印发 (green). */
export function StatusTag({ status, t }: { status: BulletinStatus; t: BulletinTranslate }) {
  return (
    <Tag color={status === 'issued' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {t(`bulletin.status.${status}`)}
    </Tag>
  );
}
