import { DashboardOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useDashboardI18n } from '../dashboard/i18n';

/** The home page's way into 数据看板 for district and street admins. */
export function DashboardCard() {
  const { t } = useDashboardI18n();
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate('/dashboard')} data-testid="home-dashboard-card">
      <Flex align="center" justify="space-between" gap={12} wrap>
        <Flex align="center" gap={12} style={{ minWidth: 0, flex: 1 }}>
          <span style={{ color: '#c0392b', fontSize: 28, lineHeight: 1 }}>
            <DashboardOutlined />
          </span>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('dash.home.title')}
            </Typography.Text>
            <Typography.Text type="secondary">{t('dash.home.text')}</Typography.Text>
          </Flex>
        </Flex>
        <Button type="primary" icon={<RightOutlined />} iconPlacement="end">
          {t('dash.home.open')}
        </Button>
      </Flex>
    </Card>
  );
}
