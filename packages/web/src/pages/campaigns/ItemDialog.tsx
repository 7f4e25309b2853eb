import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { CampaignDetailView, CreateItemBody, ItemView, UpdateItemBody } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { monthsOf } from '../../components/period';
import { campaignPath } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';
import { useCampaignWrite } from './useCampaignWrite';

interface Values {
  code: string;
  name: string;
  star: string;
  module: string;
  month: string;
  max: number;
  guidance?: string;
}

const FIELDS = ['code', 'name', 'star', 'module', 'month', 'max', 'guidance'];

/** Adds an item (指标) or edits one; code, star and module are fixed once it exists. */
export function ItemDialog({
  campaign,
  item,
  open,
  onClose,
  structural = true,
}: {
  campaign: CampaignDetailView;
  /** False once a month is locked: the month and max of an item can no longer change. */
  structural?: boolean;
  /** The item to edit, or null to add one. */
  item: ItemView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const base = campaignPath(campaign.code);
  const create = useCampaignWrite(campaign.code, (body: CreateItemBody) =>
    api.post<CampaignDetailView>(`${base}/items`, body),
  );
  const update = useCampaignWrite(campaign.code, ({ code, body }: { code: string; body: UpdateItemBody }) =>
    api.patch<CampaignDetailView>(`${base}/items/${encodeURIComponent(code)}`, body),
  );
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (!open) return;
    if (item) form.setFieldsValue({ ...item, guidance: item.guidance ?? '' });
    else
      form.setFieldsValue({
        code: '',
        name: '',
        star: campaign.stars[0]?.code,
        module: campaign.modules.find((m) => m.kind === 'plan')?.code,
        month: `${campaign.year}-01`,
        max: 10,
        guidance: '',
      });
  }, [open, item, campaign, form]);

  const onError = (error: unknown) => {
    if (!applyFieldError(form, error, FIELDS)) message.error(errorMessage(error, t('common.unknownError')));
  };

  const onFinish = (v: Values) => {
    const guidance = v.guidance?.trim() ? v.guidance.trim() : null;
    if (item)
      update.mutate(
        { code: item.code, body: { name: v.name.trim(), month: v.month, max: v.max, guidance } },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    else
      create.mutate(
        {
          code: v.code.trim(),
          name: v.name.trim(),
          star: v.star,
          module: v.module,
          month: v.month,
          max: v.max,
          guidance,
        },
        {
          onSuccess: () => {
            message.success(t('items.created', { name: v.name.trim() }));
            onClose();
          },
          onError,
        },
      );
  };

  return (
    <Modal
      open={open}
      title={item ? t('items.editTitle', { name: item.name }) : t('items.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} name="item" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="code"
          label={t('items.code')}
          rules={[
            { required: true, message: t('units.codeRequired') },
            { max: 64, message: t('units.codeTooLong') },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: t('units.codePattern') },
          ]}
        >
          <Input disabled={Boolean(item)} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('items.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            { max: 100, message: t('units.nameTooLong') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="star" label={t('items.star')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(item)}
            options={campaign.stars.map((s) => ({ value: s.code, label: s.name }))}
          />
        </Form.Item>
        <Form.Item
          name="module"
          label={t('items.module')}
          rules={[{ required: true }]}
          extra={t('items.moduleHint')}
        >
          <Select
            disabled={Boolean(item)}
            options={campaign.modules
              .filter((m) => m.kind === 'plan')
              .map((m) => ({ value: m.code, label: m.name }))}
          />
        </Form.Item>
        <Form.Item name="month" label={t('items.month')} rules={[{ required: true }]}>
          <Select
            disabled={!structural}
            options={monthsOf(campaign.year).map((m) => ({ value: m, label: m }))}
          />
        </Form.Item>
        <Form.Item
          name="max"
          label={t('items.max')}
          extra={t('items.maxHint')}
          rules={[{ required: true, message: t('items.maxRequired') }]}
        >
          <InputNumber min={0.01} max={10000} style={{ width: '100%' }} disabled={!structural} />
        </Form.Item>
        <Form.Item name="guidance" label={t('items.guidance')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('items.guidancePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
