import { Button, Card, Flex } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n';

/**
 * A phone-friendly list: one small card per item, used instead of wide tables below 768px. With
 * `pageSize`, long lists show that many cards and a button for the next ones.
 */
export function CardList<T>({
  items,
  rowKey,
  render,
  onItemClick,
  pageSize,
}: {
  items: readonly T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
  onItemClick?: (item: T) => void;
  pageSize?: number;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(pageSize ?? Number.POSITIVE_INFINITY);
  const visible = items.length > shown ? items.slice(0, shown) : items;
  return (
    <Flex vertical gap={8}>
      {visible.map((item) => (
        <Card
          key={rowKey(item)}
          size="small"
          hoverable={Boolean(onItemClick)}
          onClick={onItemClick ? () => onItemClick(item) : undefined}
          styles={{ body: { padding: '10px 12px' } }}
        >
          {render(item)}
        </Card>
      ))}
      {items.length > shown && pageSize && (
        <Button onClick={() => setShown((n) => n + pageSize)}>
          {t('common.showMore', { count: items.length - shown })}
        </Button>
      )}
    </Flex>
  );
}
