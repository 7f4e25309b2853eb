import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';

/** A phone-friendly list: one small card per item, used instead of wide tables below 768px. */
export function CardList<T>({
  items,
  rowKey,
  render,
  onItemClick,
}: {
  items: readonly T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
  onItemClick?: (item: T) => void;
}) {
  return (
    <Flex vertical gap={8}>
      {items.map((item) => (
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
    </Flex>
  );
}
