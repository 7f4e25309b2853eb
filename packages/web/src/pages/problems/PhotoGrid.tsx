import { Flex, Image } from 'antd';
import type { PhotoView } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { useI18n } from '../../i18n';

/** Thumbnails that open the full pictures (with the others of the group) in a preview. */
export function PhotoGrid({ photos, size = 88 }: { photos: readonly PhotoView[]; size?: number }) {
  const { t, lang } = useI18n();
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={p.thumbUrl}
            preview={{ src: p.url }}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            alt={t('problems.photoAlt', {
              by: p.uploadedByName,
              at: formatDateTime(p.takenAt ?? p.uploadedAt, lang),
            })}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
