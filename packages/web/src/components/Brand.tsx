import { Tag } from 'antd';
import { useI18n } from '../i18n';

/** Five-pointed star logo, drawn inline so it needs no request. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="64" height="64" rx="12" fill="#fff" fillOpacity={0.16} />
      <path
        fill="#ffd54f"
        d="M32 10l6.2 13.6 14.8 1.6-11 10 3.1 14.6L32 42.4l-13.1 7.4L22 35.2l-11-10 14.8-1.6z"
      />
    </svg>
  );
}

/**
 * The visible 示例数据 tag shown wherever demo data is on screen: solid in the header and on the
 * login page, `subtle` (outlined) on individual rows so lists stay readable.
 */
export function DemoTag({ subtle = false }: { subtle?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag
      color="gold"
      variant={subtle ? 'outlined' : 'solid'}
      style={{ marginInlineEnd: 0, fontWeight: subtle ? 400 : 600 }}
      data-testid={subtle ? undefined : 'demo-tag'}
    >
      {t('common.demoData')}
    </Tag>
  );
}
