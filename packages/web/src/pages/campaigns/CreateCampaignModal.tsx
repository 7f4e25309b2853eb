import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { CampaignDetailView, CreateCampaignBody } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { queryKeys } from '../../hooks/queryKeys';
import { useI18n } from '../../i18n';

interface Values {
  year: number;
  code: string;
  name: string;
  template: 'five-star';
}

/** Creates a campaign for a year from the default five-star template, then opens it. */
export function CreateCampaignModal({
  open,
  onClose,
  takenYears,
}: {
  open: boolean;
  onClose: () => void;
  takenYears: readonly number[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();

  const suggest = (year: number) => ({ code: `WX${year}`, name: t('campaigns.defaultName', { year }) });

  // When the dialog opens, suggest the first year without a campaign; later edits are the user's.
  const taken = takenYears.join(',');
  useEffect(() => {
    if (!open) return;
    const years = taken.split(',').map(Number);
    let year = new Date().getFullYear();
    while (years.includes(year)) year += 1;
    form.setFieldsValue({
      year,
      template: 'five-star',
      code: `WX${year}`,
      name: t('campaigns.defaultName', { year }),
    });
  }, [open, form, taken, t]);

  const create = useMutation({
    mutationFn: (body: CreateCampaignBody) => api.post<CampaignDetailView>('/api/campaigns', body),
    onSuccess: async (campaign) => {
      await client.invalidateQueries({ queryKey: queryKeys.campaigns });
      message.success(t('campaigns.created', { name: campaign.name }));
      onClose();
      navigate(`/campaigns/${encodeURIComponent(campaign.code)}`);
    },
    onError: (error) => {
      if (!applyFieldError(form, error, ['code', 'name', 'year']))
        message.error(errorMessage(error, t('common.unknownError')));
    },
  });

  return (
    <Modal
      open={open}
      title={t('campaigns.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('campaigns.createOk')}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<Values>
        form={form}
        name="create-campaign"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          create.mutate({ code: v.code.trim(), name: v.name.trim(), year: v.year, template: 'five-star' })
        }
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.year) form.setFieldsValue(suggest(changed.year));
        }}
      >
        <Form.Item
          name="year"
          label={t('campaigns.field.year')}
          rules={[{ required: true, message: t('campaigns.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="template" label={t('campaigns.field.template')} extra={t('campaigns.templateHint')}>
          <Select options={[{ value: 'five-star', label: t('campaigns.templateFiveStar') }]} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('campaigns.field.code')}
          extra={t('campaigns.codeHint')}
          rules={[
            { required: true, message: t('units.codeRequired') },
            { max: 64, message: t('units.codeTooLong') },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: t('units.codePattern') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('campaigns.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            { max: 100, message: t('units.nameTooLong') },
          ]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
