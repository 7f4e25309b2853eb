import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useInbox } from '../hooks/useInbox';
import { useIsMobile } from '../hooks/useIsMobile';
import { useI18n } from '../i18n';

/**
 * The header's bell: the count of unread inbox items; opens the inbox. A bare button, narrow on phones so the
 * district's name keeps its room in the header.
 */
export function InboxBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const inbox = useInbox();
  const isMobile = useIsMobile();
  const unread = inbox.data?.unread ?? 0;
  const label =
    unread > 0 ? `${t('layout.inbox')}（${t('layout.inboxCount', { count: unread })}）` : t('layout.inbox');
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-testid="inbox-bell"
      onClick={() => navigate('/inbox')}
      style={{
        background: 'none',
        border: 0,
        padding: 0,
        width: isMobile ? 24 : 36,
        height: 32,
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        cursor: 'pointer',
        flexShrink: 0,
      }}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]} data-testid="inbox-count">
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </button>
  );
}
