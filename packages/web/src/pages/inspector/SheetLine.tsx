import { AlertOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Input, InputNumber, Tag, Typography } from 'antd';
import type { SheetLineView } from '../../api/types';
import { formatNumber } from '../../components/format';
import { useI18n } from '../../i18n';
import type { DraftLine } from '../../offline/drafts';
import { PhotoPicker } from './PhotoPicker';

export const EMPTY_LINE: DraftLine = { points: null, note: '', photos: [] };

/** Keeps typed points within [0, max] (the input enforces it too). */
export function clampPoints(value: number | null, max: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.min(max, Math.max(0, value));
}

/**
 * One line (评分项) of the sheet: name, max, 评分细则, points with 满分 / 清零, a note, photos and 提出问题.
 * Read-only once submitted.
 */
export function SheetLine({
  index,
  line,
  value,
  readOnly,
  problemCount,
  onChange,
  onRaise,
}: {
  index: number;
  line: SheetLineView;
  value: DraftLine;
  readOnly: boolean;
  problemCount: number;
  onChange: (next: DraftLine) => void;
  onRaise: () => void;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<DraftLine>) => onChange({ ...value, ...patch });
  return (
    <Flex
      vertical
      gap={8}
      style={{ padding: '12px 0', borderTop: index > 1 ? '1px solid #f0f0f0' : undefined }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ minWidth: 0 }}>
          {index}. {line.name}
        </Typography.Text>
        <Tag style={{ marginInlineEnd: 0, flex: 'none' }}>
          {t('onsite.sheet.max', { max: formatNumber(line.max) })}
        </Tag>
      </Flex>
      {line.guidance && (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 13, marginBottom: 0 }}
          ellipsis={{
            rows: 2,
            expandable: 'collapsible',
            symbol: (open) => (open ? t('onsite.sheet.less') : t('onsite.sheet.more')),
          }}
        >
          {t('onsite.sheet.guidance')}：{line.guidance}
        </Typography.Paragraph>
      )}
      {readOnly ? (
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text type="secondary">{t('onsite.sheet.points')}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {value.points === null ? '—' : formatNumber(value.points)}
          </Typography.Text>
          <Typography.Text type="secondary">/ {formatNumber(line.max)}</Typography.Text>
          {value.note && <Typography.Text style={{ flexBasis: '100%' }}>{value.note}</Typography.Text>}
        </Flex>
      ) : (
        <>
          <Flex gap={8} align="center" wrap>
            <InputNumber
              min={0}
              max={line.max}
              step={1}
              value={value.points}
              onChange={(v) => set({ points: clampPoints(typeof v === 'number' ? v : null, line.max) })}
              placeholder={t('onsite.sheet.pointsPlaceholder', { max: formatNumber(line.max) })}
              aria-label={t('onsite.sheet.pointsFor', { line: line.name, max: formatNumber(line.max) })}
              inputMode="decimal"
              size="large"
              style={{ width: 116 }}
            />
            <Button onClick={() => set({ points: line.max })}>{t('onsite.sheet.full')}</Button>
            <Button onClick={() => set({ points: 0 })}>{t('onsite.sheet.zero')}</Button>
          </Flex>
          <Input
            value={value.note}
            maxLength={500}
            onChange={(e) => set({ note: e.target.value })}
            placeholder={t('onsite.sheet.notePlaceholder')}
            aria-label={t('onsite.sheet.noteFor', { line: line.name })}
          />
        </>
      )}
      <Flex justify="space-between" align="flex-end" gap={8}>
        <div style={{ minWidth: 0, flex: 1 }}>
          {(!readOnly || value.photos.length > 0) && (
            <PhotoPicker
              photos={value.photos}
              onChange={(photos) => set({ photos })}
              label={t('onsite.photo.for', { line: line.name })}
              disabled={readOnly}
              testId={`photo-input-${index}`}
            />
          )}
        </div>
        <Badge count={problemCount} size="small" offset={[-4, 2]}>
          <Button
            icon={<AlertOutlined />}
            onClick={onRaise}
            aria-label={t('onsite.sheet.raiseFor', { line: line.name })}
          >
            {t('onsite.sheet.raise')}
          </Button>
        </Badge>
      </Flex>
    </Flex>
  );
}
