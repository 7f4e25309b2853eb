import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useIsMobile } from '../hooks/useIsMobile';
import { useMeta } from '../hooks/useMeta';
import { useLogout, useUser } from '../hooks/useSession';
import { useI18n } from '../i18n';
import { DemoTag, Logo } from './Brand';
import { Loading } from './Feedback';
import { InboxBell } from './InboxBell';
import { RoleTag } from './Labels';
import { LanguageSwitch } from './LanguageSwitch';
import { activeEntry, menuFor } from './menu';

const HEADER_BG = '#a93226';

/** The signed-in shell: red header, role-based side menu (a drawer on phones) and the page outlet. */
export function AppLayout() {
  const { t } = useI18n();
  const user = useUser();
  const meta = useMeta();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const entries = useMemo(() => menuFor(user.role), [user.role]);
  const selected = activeEntry(entries, location.pathname);
  const menuItems = entries.map((entry) => {
    const Icon = entry.icon;
    const Count = entry.badge;
    const label = Count ? (
      <Flex key={entry.key} justify="space-between" align="center" gap={8}>
        <span>{t(entry.label)}</span>
        <Count />
      </Flex>
    ) : (
      t(entry.label)
    );
    return { key: entry.key, icon: <Icon />, label };
  });
  const onMenuClick = ({ key }: { key: string }) => {
    const entry = entries.find((e) => e.key === key);
    if (entry) navigate(entry.path);
    setDrawerOpen(false);
  };
  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected.key] : []}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const districtName = meta.data?.districtName ?? '';
  const userMenu = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <Flex vertical gap={4} style={{ padding: '4px 0', color: 'rgba(0,0,0,0.88)' }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {user.username}
              {user.scopeUnitName ? ` · ${user.scopeUnitName}` : ''}
            </Typography.Text>
            <span>
              <RoleTag role={user.role} />
            </span>
          </Flex>
        ),
      },
      { type: 'divider' as const },
      { key: 'password', icon: <KeyOutlined />, label: t('layout.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), danger: true },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') navigate('/password');
      if (key === 'logout') logout.mutate();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          padding: isMobile ? '0 8px' : '0 20px',
          display: 'flex',
          alignItems: 'center',
          gap: isMobile ? 6 : 12,
          position: 'sticky',
          top: 0,
          zIndex: 100,
          height: isMobile ? 56 : 64,
          lineHeight: 'normal',
        }}
      >
        {isMobile && (
          <Button
            type="text"
            aria-label={t('layout.openMenu')}
            icon={
              <span style={{ position: 'relative', display: 'inline-flex' }}>
                <MenuOutlined style={{ fontSize: 18 }} />
                {entries.map((e) => {
                  const Dot = e.badge;
                  return Dot ? (
                    <span key={e.key} style={{ position: 'absolute', top: -2, right: -4, lineHeight: 0 }}>
                      <Dot dot />
                    </span>
                  ) : null;
                })}
              </span>
            }
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          />
        )}
        <Flex
          align="center"
          gap={10}
          style={{ minWidth: 0, flex: 1, cursor: 'pointer' }}
          onClick={() => navigate('/')}
        >
          <span className="wx-header-logo">
            <Logo size={isMobile ? 26 : 32} />
          </span>
          <Flex vertical style={{ minWidth: 0 }}>
            <span className="wx-header-title">
              {isMobile ? districtName || t('app.shortName') : t('app.name')}
            </span>
            {!isMobile && districtName && <span className="wx-header-sub">{districtName}</span>}
          </Flex>
          {meta.data?.demo && <DemoTag />}
        </Flex>
        <InboxBell />
        <LanguageSwitch dark />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" style={{ color: '#fff', paddingInline: 6 }} aria-label={t('layout.userMenu')}>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#fff', color: HEADER_BG }} />
            {!isMobile && <span style={{ maxWidth: 140 }}>{user.displayName}</span>}
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <nav aria-label={t('layout.navigation')} style={{ paddingTop: 8 }}>
              {menu}
            </nav>
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={
              <Flex vertical>
                <span>{t('app.shortName')}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                  {districtName}
                </Typography.Text>
              </Flex>
            }
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('layout.navigation')}>{menu}</nav>
          </Drawer>
        )}
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Loading minHeight={320} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
