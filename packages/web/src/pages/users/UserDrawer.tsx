import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { CreateUserBody, Role, UnitType, UnitView, UpdateUserBody, UserView } from '../../api/types';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwordRules';
import { ALL_ROLES } from '../../auth/permissions';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { buildNodes, type UnitIndex } from '../../components/unitTree';
import { queryKeys } from '../../hooks/queryKeys';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';

/** Which unit types a role's scope unit may be; an empty list means no scope is needed. */
const SCOPE_TYPES: Record<Role, readonly UnitType[]> = {
  district_admin: ['district'],
  street_admin: ['street'],
  village_user: ['village', 'community'],
  inspector: [],
  judge: ['department', 'street', 'district'],
};
const SCOPE_REQUIRED: Record<Role, boolean> = {
  district_admin: false,
  street_admin: true,
  village_user: true,
  inspector: false,
  judge: false,
};
/** Units an inspector can be assigned to score. */
const ASSIGNABLE_TYPES: readonly UnitType[] = ['village', 'community', 'department', 'street'];

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  scopeUnitCode: string | null;
  assignedUnitCodes: string[];
  disabled: boolean;
  password: string;
}

const FIELDS = [
  'username',
  'displayName',
  'role',
  'scopeUnitCode',
  'assignedUnitCodes',
  'disabled',
  'password',
] as const;

/** Create (user = null) or edit a user account: role, scope unit, assigned units, disabled flag. */
export function UserDrawer({
  open,
  user,
  index,
  onClose,
}: {
  open: boolean;
  user: UserView | null;
  index: UnitIndex;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const client = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form) ?? user?.role ?? 'village_user';
  const editing = user !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            scopeUnitCode: user.scopeUnitCode,
            assignedUnitCodes: user.assignedUnitCodes,
            disabled: user.disabled,
          }
        : { role: 'village_user', scopeUnitCode: null, assignedUnitCodes: [], disabled: false },
    );
  }, [open, user, form]);

  const scopeTree = useMemo(
    () =>
      buildNodes(index, {
        valueBy: 'code',
        keep: (u) => u.type !== 'household',
        disable: (u) => SCOPE_TYPES[role].length > 0 && !SCOPE_TYPES[role].includes(u.type),
      }),
    [index, role],
  );

  const assignOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    const label = (u: UnitView) => t('common.nameWithCode', { name: u.name, code: u.code });
    for (const unit of index.byId.values()) {
      if (!ASSIGNABLE_TYPES.includes(unit.type)) continue;
      const parent = unit.parentId ? index.byId.get(unit.parentId) : undefined;
      const groupKey = parent?.id ?? '';
      const group = groups.get(groupKey) ?? { label: parent?.name ?? t('users.topUnits'), options: [] };
      group.options.push({ value: unit.code, label: label(unit) });
      groups.set(groupKey, group);
    }
    return [...groups.values()];
  }, [index, t]);

  const save = useMutation({
    mutationFn: (values: UserForm) => {
      const scopeUnitCode = SCOPE_TYPES[values.role].length > 0 ? (values.scopeUnitCode ?? null) : null;
      const assignedUnitCodes = values.role === 'inspector' ? (values.assignedUnitCodes ?? []) : [];
      if (user) {
        const body: UpdateUserBody = {
          displayName: values.displayName.trim(),
          role: values.role,
          scopeUnitCode,
          assignedUnitCodes,
          disabled: values.disabled,
        };
        return api.patch<UserView>(`/api/users/${encodeURIComponent(user.id)}`, body);
      }
      const body: CreateUserBody = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        scopeUnitCode,
        assignedUnitCodes,
        password: values.password,
      };
      return api.post<UserView>('/api/users', body);
    },
  });

  const onFinish = (values: UserForm) => {
    setError(null);
    save.mutate(values, {
      onSuccess: async (saved) => {
        message.success(
          editing
            ? t('users.updated', { name: saved.displayName })
            : t('users.created', { name: saved.displayName }),
        );
        await client.invalidateQueries({ queryKey: queryKeys.users });
        onClose();
      },
      onError: (e) => {
        if (!applyFieldError(form, e, FIELDS)) setError(errorMessage(e, t('common.unknownError')));
      },
    });
  };

  const scopeHint = t(`users.scopeHint.${role}`);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 520}
      title={editing ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="username"
          label={t('users.field.username')}
          extra={editing ? t('users.usernameFixed') : t('users.usernameHint')}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: t('users.usernameRequired') },
                  { min: 3, message: t('users.usernameTooShort') },
                  { max: 64, message: t('users.usernameTooLong') },
                  { pattern: /^[A-Za-z0-9_.-]+$/, message: t('users.usernamePattern') },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('users.displayNameRequired') },
            { max: 64, message: t('users.displayNameTooLong') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.field.role')}
          rules={[{ required: true, message: t('users.roleRequired') }]}
        >
          <Select options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {SCOPE_TYPES[role].length > 0 && (
          <Form.Item
            name="scopeUnitCode"
            label={t('users.field.scopeUnit')}
            extra={scopeHint}
            rules={SCOPE_REQUIRED[role] ? [{ required: true, message: t('users.scopeRequired') }] : []}
          >
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeData={scopeTree}
              treeDefaultExpandAll={index.byId.size < 200}
              placeholder={t('users.pickScope')}
              styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
            />
          </Form.Item>
        )}
        {role === 'inspector' && (
          <Form.Item name="assignedUnitCodes" label={t('users.field.assignedUnits')} extra={scopeHint}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={assignOptions}
              placeholder={t('users.pickAssigned')}
              maxTagCount="responsive"
            />
          </Form.Item>
        )}
        {editing && (
          <Form.Item
            name="disabled"
            label={t('users.field.disabled')}
            valuePropName="checked"
            extra={t('users.disabledHint')}
          >
            <Switch
              checkedChildren={t('users.status.disabled')}
              unCheckedChildren={t('users.status.active')}
            />
          </Form.Item>
        )}
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.field.initialPassword')}
            extra={t('users.passwordHint', { min: PASSWORD_MIN })}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: PASSWORD_MIN, message: t('password.tooShort', { min: PASSWORD_MIN }) },
              { max: PASSWORD_MAX, message: t('password.tooLong', { max: PASSWORD_MAX }) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {editing && user.lastLoginAt === null && (
          <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>
        )}
      </Form>
    </Drawer>
  );
}
