import { CheckCircleFilled, CloseCircleFilled, StarFilled } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { RatingView } from '../../api/types';
import { twoDecimals } from '../../components/campaign/labels';
import { useI18n } from '../../i18n';

/** "n星支部" as a tag: gold stars for each star earned. */
export function RatingBadge({ rating }: { rating: RatingView }) {
  const { t } = useI18n();
  return (
    <Tag
      color={rating.count > 0 ? 'gold' : 'default'}
      variant={rating.count > 0 ? 'solid' : 'outlined'}
      style={{ marginInlineEnd: 0, fontWeight: 600 }}
    >
      {rating.count > 0 ? (
        <>
          <StarFilled /> {t('rating.n', { n: rating.count })}
        </>
      ) : (
        t('rating.none')
      )}
    </Tag>
  );
}

/** Each target star: earned or not, its score, and the reason when not. */
export function RatingDetails({
  rating,
  starName,
  onlyMissed = false,
}: {
  rating: RatingView;
  starName: (code: string) => string;
  /** Only the stars not earned (where the card already shows the scores). */
  onlyMissed?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4}>
      {rating.stars
        .filter((s) => !onlyMissed || !s.earned)
        .map((s) => (
          <Flex key={s.star} gap={8} align="baseline" wrap>
            {s.earned ? (
              <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('rating.earned')} />
            ) : (
              <CloseCircleFilled style={{ color: '#bfbfbf' }} aria-label={t('rating.notEarned')} />
            )}
            <Typography.Text strong={s.earned}>{starName(s.star)}</Typography.Text>
            <Typography.Text type="secondary">{twoDecimals(s.score)}</Typography.Text>
            <Typography.Text type={s.earned ? 'success' : 'secondary'} style={{ fontSize: 13 }}>
              {s.earned ? t('rating.earned') : (s.reason ?? t('rating.notEarned'))}
            </Typography.Text>
          </Flex>
        ))}
    </Flex>
  );
}
