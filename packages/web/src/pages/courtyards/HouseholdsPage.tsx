import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Pagination,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { HouseholdMember, HouseholdView } from '../../api/types';
import { EmptyState, ErrorBox, errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { TEMPLATE_URL, useHouseholds, useSaveHousehold, useVillages } from './api';
import { HouseholdImportModal } from './HouseholdImportModal';
import { useCourtyardI18n } from './i18n';
import { CourtyardNav, DemoTag } from './labels';

interface FormValues {
  villageCode: string;
  headName: string;
  address: string;
  memberCount?: number | null;
  members: HouseholdMember[];
  phone?: string;
}

/** Add or edit a household: 户主, 地址, 家庭人口 and members, 电话. */
function HouseholdDrawer({
  editing,
  open,
  onClose,
}: {
  editing: HouseholdView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const user = useUser();
  const { villages } = useVillages();
  const save = useSaveHousehold();
  const [form] = Form.useForm<FormValues>();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        villageCode: editing.villageCode,
        headName: editing.headName,
        address: editing.address,
        memberCount: editing.memberCount,
        members: editing.members,
        phone: editing.phone ?? undefined,
      });
    else if (villages.length === 1 && villages[0]) form.setFieldsValue({ villageCode: villages[0].code });
  }, [open, editing, form, villages]);

  const submit = (v: FormValues) =>
    save
      .mutateAsync({
        code: editing?.code ?? null,
        body: {
          villageCode: v.villageCode,
          headName: v.headName.trim(),
          address: v.address.trim(),
          memberCount: v.memberCount ?? undefined,
          members: (v.members ?? [])
            .filter((m) => m?.name?.trim())
            .map((m) => ({ name: m.name.trim(), relation: m.relation?.trim() ?? '' })),
          phone: v.phone?.trim() ? v.phone.trim() : null,
        },
      })
      .then((h) => {
        message.success(editing ? t('cy.hh.updated') : t('cy.hh.created', { code: h.code }));
        onClose();
      })
      .catch((error: unknown) => {
        if (!applyFieldError(form, error, ['villageCode', 'headName', 'address', 'memberCount', 'phone']))
          message.error(errorMessage(error, t('common.unknownError')));
      });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('cy.hh.edit') : t('cy.hh.add')}
      size={isMobile ? '100%' : 480}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        name="household"
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="villageCode"
          label={t('cy.village')}
          rules={[{ required: true, message: t('cy.hh.villageRequired') }]}
        >
          <Select
            showSearch
            disabled={Boolean(editing) || user.role === 'village_user'}
            optionFilterProp="label"
            options={villages.map((v) => ({
              value: v.code,
              label: `${v.name}${v.streetName ? `（${v.streetName}）` : ''}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="headName"
          label={t('cy.hh.head')}
          rules={[{ required: true, whitespace: true, message: t('cy.hh.headRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('cy.hh.address')}
          rules={[{ required: true, whitespace: true, message: t('cy.hh.addressRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="memberCount" label={t('cy.hh.size')}>
          <InputNumber min={1} max={50} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t('cy.hh.members')}>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space.Compact key={f.key} style={{ width: '100%' }}>
                    <Form.Item name={[f.name, 'name']} noStyle>
                      <Input placeholder={t('cy.hh.memberName')} maxLength={50} style={{ width: '55%' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'relation']} noStyle>
                      <Input
                        placeholder={t('cy.hh.memberRelation')}
                        maxLength={20}
                        style={{ width: '35%' }}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('cy.hh.removeMember')}
                      onClick={() => remove(f.name)}
                    />
                  </Space.Compact>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', relation: '' })}>
                  {t('cy.hh.addMember')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('cy.hh.phone')}
          rules={[{ pattern: /^[0-9+\-\s()]{5,30}$/, message: t('cy.hh.phoneInvalid') }]}
        >
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/**
 * 庭院住户: the households of the viewer's villages, searched and paged on the server (there are more than a
 * thousand), as cards on a phone; add/edit in a drawer; Excel import with its error table and a template.
 */
export function HouseholdsPage() {
  const { t } = useCourtyardI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const villageCode = params.get('villageCode') ?? undefined;
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = isMobile ? 15 : 20;
  const list = useHouseholds({ villageCode, q, page, pageSize });
  const { villages } = useVillages();
  const [drawer, setDrawer] = useState<{ open: boolean; editing: HouseholdView | null }>({
    open: false,
    editing: null,
  });
  const [importing, setImporting] = useState(false);
  const campaign = params.get('campaign');

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const open = (h: HouseholdView) =>
    navigate(
      `/courtyards/h/${encodeURIComponent(h.code)}${campaign ? `?campaign=${encodeURIComponent(campaign)}` : ''}`,
    );
  const manage = user.role !== 'inspector';

  const columns: ColumnsType<HouseholdView> = [
    {
      title: t('cy.hh.head'),
      key: 'head',
      render: (_, h) => (
        <Flex vertical>
          <Typography.Link onClick={() => open(h)}>{h.headName}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('cy.hh.address'), dataIndex: 'address', ellipsis: true },
    { title: t('cy.village'), key: 'village', render: (_, h) => `${h.villageName}（${h.streetName}）` },
    {
      title: t('cy.hh.size'),
      key: 'size',
      align: 'right',
      render: (_, h) => t('cy.hh.people', { count: h.memberCount }),
    },
    {
      title: t('cy.hh.members'),
      key: 'members',
      ellipsis: true,
      render: (_, h) => h.members.map((m) => m.name).join('、') || '—',
    },
    { title: t('cy.hh.phone'), key: 'phone', render: (_, h) => h.phone ?? '—' },
    ...(manage
      ? [
          {
            title: '',
            key: 'edit',
            width: 64,
            render: (_: unknown, h: HouseholdView) => (
              <Button
                size="small"
                type="text"
                icon={<EditOutlined />}
                aria-label={t('cy.hh.edit')}
                onClick={() => setDrawer({ open: true, editing: h })}
              />
            ),
          },
        ]
      : []),
  ];

  const rows = list.data?.rows ?? [];
  return (
    <div>
      <CourtyardNav />
      <PageHeader
        title={
          <>
            {t('cy.hh.title')}
            <DemoTag demo={rows.some((r) => r.demo)} />
          </>
        }
        subtitle={t('cy.hh.subtitle')}
        extra={
          manage ? (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ open: true, editing: null })}
              >
                {t('cy.hh.add')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('cy.hh.import')}
              </Button>
              <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} download>
                {t('cy.hh.template')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          {villages.length > 1 && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              aria-label={t('cy.village')}
              placeholder={t('cy.allVillages')}
              value={villageCode}
              style={{ minWidth: isMobile ? '100%' : 220 }}
              onChange={(v: string | undefined) => setParam('villageCode', v)}
              options={villages.map((v) => ({
                value: v.code,
                label: `${v.name}${v.streetName ? `（${v.streetName}）` : ''}`,
              }))}
            />
          )}
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('cy.search')}
            style={{ width: isMobile ? '100%' : 280 }}
            onSearch={(v) => setParam('q', v.trim() || undefined)}
          />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="household-total">
            {list.data ? t('cy.total', { count: list.data.total }) : ''}
          </Typography.Text>
        </Flex>
        {list.isError ? (
          <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
        ) : isMobile ? (
          <Flex vertical gap={8} data-testid="household-cards">
            {!list.isPending && rows.length === 0 && <EmptyState description={t('cy.hh.empty')} />}
            {rows.map((h) => (
              <Card
                key={h.code}
                size="small"
                hoverable
                onClick={() => open(h)}
                styles={{ body: { padding: '10px 12px' } }}
              >
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Typography.Text strong>
                      {h.headName}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                        {h.code}
                      </Typography.Text>
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {h.villageName} · {h.address}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('cy.hh.people', { count: h.memberCount })}
                      {h.phone ? ` · ${h.phone}` : ''}
                    </Typography.Text>
                  </Flex>
                  {manage && (
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined />}
                      aria-label={t('cy.hh.edit')}
                      onClick={(e) => {
                        e.stopPropagation();
                        setDrawer({ open: true, editing: h });
                      }}
                    />
                  )}
                </Flex>
              </Card>
            ))}
            <Pagination
              simple
              current={page}
              pageSize={pageSize}
              total={list.data?.total ?? 0}
              onChange={(p) => setParam('page', String(p))}
              style={{ alignSelf: 'center' }}
            />
          </Flex>
        ) : (
          <Table<HouseholdView>
            rowKey="code"
            size="middle"
            loading={list.isFetching}
            dataSource={rows}
            columns={columns}
            locale={{ emptyText: t('cy.hh.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('cy.total', { count: total }),
              onChange: (p) => setParam('page', String(p)),
            }}
          />
        )}
      </Flex>
      <HouseholdDrawer
        open={drawer.open}
        editing={drawer.editing}
        onClose={() => setDrawer({ open: false, editing: null })}
      />
      <HouseholdImportModal open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
