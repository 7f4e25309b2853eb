import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { CreateUnitBody, MoveUnitBody, UnitType, UnitView, UpdateUnitBody } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { buildNodes, CHILD_TYPES, subtreeIds, type UnitIndex } from '../../components/unitTree';
import { queryKeys } from '../../hooks/queryKeys';
import { useContestGroups } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';

/** Unit types that can take part in the arena contest (赛组 members). */
export const CONTEST_TYPES: readonly UnitType[] = ['department', 'street'];

/** Unit codes accepted by the server: letters, digits, underscore, dot and hyphen. */
const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;

function useInvalidateUnits() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.units }),
      client.invalidateQueries({ queryKey: queryKeys.contestGroups }),
    ]);
}

function useGroupOptions(enabled: boolean) {
  const groups = useContestGroups(enabled);
  const options = useMemo(
    () => (groups.data ?? []).map((g) => ({ value: g.code, label: g.name })),
    [groups.data],
  );
  return { groups, options };
}

interface CreateForm {
  code: string;
  name: string;
  type: UnitType;
  weight: number;
  contestGroupCode?: string | null;
}

const CREATE_FIELDS = ['code', 'name', 'type', 'weight', 'contestGroupCode'] as const;

/** Adds a unit under `parent`. */
export function CreateUnitModal({
  parent,
  types,
  open,
  onClose,
  onCreated,
  allowContestGroup,
}: {
  parent: UnitView;
  types: readonly UnitType[];
  open: boolean;
  onClose: () => void;
  onCreated: (unit: UnitView) => void;
  allowContestGroup: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateUnits();
  const { options: groupOptions } = useGroupOptions(open && allowContestGroup);
  const create = useMutation({
    mutationFn: (body: CreateUnitBody) => api.post<UnitView>('/api/units', body),
  });
  const chosenType = Form.useWatch('type', form) ?? types[0];
  const groupField = allowContestGroup && chosenType !== undefined && CONTEST_TYPES.includes(chosenType);

  const submit = (values: CreateForm) => {
    setError(null);
    const body: CreateUnitBody = {
      code: values.code.trim(),
      name: values.name.trim(),
      type: values.type,
      parentCode: parent.code,
      weight: values.weight,
      ...(groupField ? { contestGroupCode: values.contestGroupCode ?? null } : {}),
    };
    create.mutate(body, {
      onSuccess: async (unit) => {
        message.success(t('units.created', { name: unit.name }));
        await invalidate();
        form.resetFields();
        onCreated(unit);
      },
      onError: (e) => {
        if (!applyFieldError(form, e, CREATE_FIELDS)) setError(errorMessage(e, t('common.unknownError')));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('units.addChildTitle', { parent: parent.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: types[0], weight: 1, contestGroupCode: null }}
        preserve={false}
      >
        <Form.Item
          name="type"
          label={t('units.field.type')}
          rules={[{ required: true, message: t('units.typeRequired') }]}
        >
          <Select options={types.map((type) => ({ value: type, label: t(`unitType.${type}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.field.code')}
          extra={t('units.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('units.codeRequired') },
            { max: 64, message: t('units.codeTooLong') },
            { pattern: CODE_PATTERN, message: t('units.codePattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('units.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            { max: 100, message: t('units.nameTooLong') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="weight"
          label={t('units.field.weight')}
          extra={t('units.weightHint')}
          rules={[{ required: true, message: t('units.weightRequired') }]}
        >
          <InputNumber min={0.0001} max={1000} step={0.1} style={{ width: '100%' }} />
        </Form.Item>
        {groupField && (
          <Form.Item name="contestGroupCode" label={t('units.field.contestGroup')}>
            <Select allowClear options={groupOptions} placeholder={t('units.noContestGroup')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface EditForm {
  name?: string;
  weight?: number;
  contestGroupCode?: string | null;
}

const EDIT_FIELDS = ['name', 'weight', 'contestGroupCode'] as const;

/** Renames a unit (mode "rename") or changes its weight and contest group (mode "edit"). */
export function EditUnitModal({
  unit,
  mode,
  open,
  onClose,
  allowContestGroup,
}: {
  unit: UnitView;
  mode: 'rename' | 'edit';
  open: boolean;
  onClose: () => void;
  allowContestGroup: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditForm>();
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateUnits();
  const { groups, options: groupOptions } = useGroupOptions(open && mode === 'edit' && allowContestGroup);
  const update = useMutation({
    mutationFn: (body: UpdateUnitBody) =>
      api.patch<UnitView>(`/api/units/${encodeURIComponent(unit.id)}`, body),
  });
  const currentGroupCode = groups.data?.find((g) => g.id === unit.contestGroupId)?.code ?? null;

  const submit = (values: EditForm) => {
    setError(null);
    const body: UpdateUnitBody =
      mode === 'rename'
        ? { name: (values.name ?? '').trim() }
        : {
            weight: values.weight,
            ...(allowContestGroup ? { contestGroupCode: values.contestGroupCode ?? null } : {}),
          };
    update.mutate(body, {
      onSuccess: async () => {
        message.success(t('common.saved'));
        await invalidate();
        onClose();
      },
      onError: (e) => {
        if (!applyFieldError(form, e, EDIT_FIELDS)) setError(errorMessage(e, t('common.unknownError')));
      },
    });
  };

  const loadingGroups = mode === 'edit' && allowContestGroup && groups.isPending;

  return (
    <Modal
      open={open}
      title={
        mode === 'rename'
          ? t('units.renameTitle', { name: unit.name })
          : t(allowContestGroup ? 'units.editTitle' : 'units.editWeightTitle', { name: unit.name })
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ disabled: loadingGroups }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!loadingGroups && (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={{ name: unit.name, weight: unit.weight, contestGroupCode: currentGroupCode }}
        >
          {mode === 'rename' ? (
            <Form.Item
              name="name"
              label={t('units.field.newName')}
              extra={t('units.renameHint')}
              rules={[
                { required: true, whitespace: true, message: t('units.nameRequired') },
                { max: 100, message: t('units.nameTooLong') },
              ]}
            >
              <Input autoComplete="off" autoFocus />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="weight"
                label={t('units.field.weight')}
                extra={t('units.weightHint')}
                rules={[{ required: true, message: t('units.weightRequired') }]}
              >
                <InputNumber min={0.0001} max={1000} step={0.1} style={{ width: '100%' }} />
              </Form.Item>
              {allowContestGroup && (
                <Form.Item name="contestGroupCode" label={t('units.field.contestGroup')}>
                  <Select allowClear options={groupOptions} placeholder={t('units.noContestGroup')} />
                </Form.Item>
              )}
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

interface MoveForm {
  parentCode: string;
}

/** Moves a unit under a new parent picked from the tree (its own subtree and households excluded). */
export function MoveUnitModal({
  unit,
  index,
  open,
  onClose,
}: {
  unit: UnitView;
  index: UnitIndex;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveForm>();
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateUnits();
  const move = useMutation({
    mutationFn: (body: MoveUnitBody) =>
      api.post<UnitView>(`/api/units/${encodeURIComponent(unit.id)}/move`, body),
  });
  const treeData = useMemo(() => {
    if (!open) return [];
    const blocked = subtreeIds(index, unit.id);
    return buildNodes(index, {
      valueBy: 'code',
      keep: (u) => u.type !== 'household' && !blocked.has(u.id),
      disable: (u) => u.id === unit.parentId || !CHILD_TYPES[u.type].includes(unit.type),
    });
  }, [index, unit, open]);

  const submit = (values: MoveForm) => {
    setError(null);
    move.mutate(
      { parentCode: values.parentCode },
      {
        onSuccess: async (moved) => {
          const parent = moved.parentId ? index.byId.get(moved.parentId) : undefined;
          message.success(t('units.moved', { name: moved.name, parent: parent?.name ?? values.parentCode }));
          await invalidate();
          onClose();
        },
        onError: (e) => {
          if (!applyFieldError(form, e, ['parentCode'])) setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  const currentParent = unit.parentId ? index.byId.get(unit.parentId) : undefined;

  return (
    <Modal
      open={open}
      title={t('units.moveTitle', { name: unit.name })}
      okText={t('units.moveOk')}
      cancelText={t('common.cancel')}
      confirmLoading={move.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        {t('units.moveCurrent', { parent: currentParent?.name ?? t('common.none') })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="parentCode"
          label={t('units.field.newParent')}
          extra={t('units.moveHint')}
          rules={[{ required: true, message: t('units.newParentRequired') }]}
        >
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={treeData}
            treeDefaultExpandedKeys={currentParent ? [currentParent.id] : undefined}
            placeholder={t('units.pickParent')}
            styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
