import { EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { Role, UserView } from '../../api/types';
import { ALL_ROLES } from '../../auth/permissions';
import { DemoTag } from '../../components/Brand';
import { CardList } from '../../components/CardList';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { RoleTag } from '../../components/Labels';
import { PageHeader } from '../../components/PageHeader';
import { indexUnits } from '../../components/unitTree';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUnits } from '../../hooks/useUnits';
import { useUsers } from '../../hooks/useUsers';
import { useI18n } from '../../i18n';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserDrawer } from './UserDrawer';

type StatusFilter = 'all' | 'active' | 'disabled';

/** User accounts: search and filter, create/edit drawer, password reset. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const users = useUsers();
  const units = useUnits();
  const index = useMemo(() => indexUnits(units.data ?? []), [units.data]);
  const [text, setText] = useState('');
  const [role, setRole] = useState<Role | 'all'>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [editing, setEditing] = useState<UserView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);

  const filtered = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) =>
        (role === 'all' || u.role === role) &&
        (status === 'all' || (status === 'disabled') === u.disabled) &&
        (!needle ||
          u.username.toLowerCase().includes(needle) ||
          u.displayName.toLowerCase().includes(needle) ||
          (u.scopeUnitName ?? '').toLowerCase().includes(needle)),
    );
  }, [users.data, text, role, status]);

  const openCreate = () => {
    setEditing(null);
    setDrawerOpen(true);
  };
  const openEdit = (user: UserView) => {
    setEditing(user);
    setDrawerOpen(true);
  };

  const scopeText = (u: UserView) => {
    if (u.role === 'inspector') {
      if (u.assignedUnitCodes.length === 0) return t('users.noAssigned');
      const names = u.assignedUnitCodes.map((code) => index.byCode.get(code)?.name ?? code);
      return names.length <= 3
        ? names.join(t('common.listSeparator'))
        : t('users.assignedMany', {
            names: names.slice(0, 3).join(t('common.listSeparator')),
            count: names.length,
          });
    }
    return u.scopeUnitName ?? t('common.none');
  };
  const statusBadge = (u: UserView) =>
    u.disabled ? (
      <Badge status="default" text={t('users.status.disabled')} />
    ) : (
      <Badge status="success" text={t('users.status.active')} />
    );
  const actions = (u: UserView) => (
    <Flex gap={4} wrap>
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => openEdit(u)}>
        {t('common.edit')}
      </Button>
      <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
        {t('users.resetPassword')}
      </Button>
    </Flex>
  );

  const filters = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('users.searchPlaceholder')}
        aria-label={t('users.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ width: isMobile ? '100%' : 260 }}
      />
      <Select<Role | 'all'>
        value={role}
        onChange={setRole}
        aria-label={t('users.field.role')}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 170 }}
        options={[
          { value: 'all', label: t('users.allRoles') },
          ...ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
        ]}
      />
      <Select<StatusFilter>
        value={status}
        onChange={setStatus}
        aria-label={t('users.field.status')}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 130 }}
        options={[
          { value: 'all', label: t('users.allStatus') },
          { value: 'active', label: t('users.status.active') },
          { value: 'disabled', label: t('users.status.disabled') },
        ]}
      />
    </Flex>
  );

  let body: ReactNode;
  if (users.isPending) body = <Loading />;
  else if (users.isError) body = <ErrorBox error={users.error} onRetry={() => users.refetch()} />;
  else if (filtered.length === 0) {
    body = <EmptyState description={users.data.length === 0 ? t('users.empty') : t('users.noMatch')} />;
  } else if (isMobile) {
    body = (
      <CardList
        items={filtered}
        rowKey={(u) => u.id}
        render={(u) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Flex align="center" gap={6} style={{ minWidth: 0 }} wrap>
                <Typography.Text strong>{u.displayName}</Typography.Text>
                <Typography.Text type="secondary">{u.username}</Typography.Text>
              </Flex>
              <RoleTag role={u.role} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('common.labelValue', { label: t('users.field.scopeUnit'), value: scopeText(u) })}
            </Typography.Text>
            <Flex justify="space-between" align="center" wrap gap={4}>
              {statusBadge(u)}
              {actions(u)}
            </Flex>
          </Flex>
        )}
      />
    );
  } else {
    body = (
      <Table<UserView>
        rowKey="id"
        size="middle"
        dataSource={filtered}
        pagination={filtered.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('users.field.displayName'),
            dataIndex: 'displayName',
            render: (_, u) => (
              <Flex vertical>
                <Flex align="center" gap={6}>
                  <Typography.Text strong>{u.displayName}</Typography.Text>
                  {u.demo && <DemoTag subtle />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.username}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('users.field.role'),
            dataIndex: 'role',
            width: 140,
            render: (_, u) => <RoleTag role={u.role} />,
          },
          { title: t('users.field.scopeUnit'), key: 'scope', render: (_, u) => scopeText(u) },
          {
            title: t('users.field.status'),
            dataIndex: 'disabled',
            width: 100,
            render: (_, u) => statusBadge(u),
          },
          {
            title: t('users.field.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 150,
            render: (v: string | null) => (v ? formatDateTime(v, lang) : t('users.never')),
          },
          { title: t('common.actions'), key: 'actions', width: 190, render: (_, u) => actions(u) },
        ]}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t('menu.users')}
        subtitle={users.data ? t('users.subtitle', { count: users.data.length }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            {t('users.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {filters}
        {body}
      </Card>
      <UserDrawer open={drawerOpen} user={editing} index={index} onClose={() => setDrawerOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
