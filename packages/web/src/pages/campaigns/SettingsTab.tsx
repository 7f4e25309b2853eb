import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { CampaignDetailView, UpdateCampaignBody } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { campaignPath } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';
import { useCampaignWrite } from './useCampaignWrite';

interface Values {
  name: string;
  starLine: number;
  prerequisite: string;
  trim: boolean;
  problemDeduction: number;
  status: 'active' | 'archived';
}

const NONE = '';
const FIELDS = ['name', 'starLine', 'prerequisite', 'trim', 'problemDeduction', 'status'];

/** 基本设置: name, star line, prerequisite star, trimming, problem deduction and status. */
export function SettingsTab({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useCampaignWrite(campaign.code, (body: UpdateCampaignBody) =>
    api.patch<CampaignDetailView>(campaignPath(campaign.code), body),
  );
  useEffect(() => {
    form.setFieldsValue({
      name: campaign.name,
      starLine: campaign.starLine,
      prerequisite: campaign.prerequisite ?? NONE,
      trim: campaign.trim,
      problemDeduction: campaign.problemDeduction,
      status: campaign.status,
    });
  }, [campaign, form]);

  const onFinish = (v: Values) => {
    // Send only what changed: some settings cannot change once a month is locked.
    const body: UpdateCampaignBody = {};
    if (v.name.trim() !== campaign.name) body.name = v.name.trim();
    if (v.starLine !== campaign.starLine) body.starLine = v.starLine;
    const prerequisite = v.prerequisite === NONE ? null : v.prerequisite;
    if (prerequisite !== campaign.prerequisite) body.prerequisite = prerequisite;
    if (v.trim !== campaign.trim) body.trim = v.trim;
    if (v.problemDeduction !== campaign.problemDeduction) body.problemDeduction = v.problemDeduction;
    if (v.status !== campaign.status) body.status = v.status;
    if (Object.keys(body).length === 0) {
      message.info(t('settings.unchanged'));
      return;
    }
    save.mutate(body, {
      onSuccess: () => message.success(t('common.saved')),
      onError: (error) => applyFieldError(form, error, FIELDS),
    });
  };

  return (
    <Card size="small" style={{ maxWidth: 640 }}>
      <Form<Values>
        form={form}
        name="campaign-settings"
        layout="vertical"
        requiredMark={false}
        disabled={!editable}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('campaigns.field.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="starLine" label={t('campaigns.field.starLine')} extra={t('settings.starLineHint')}>
          <InputNumber min={0.01} max={100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="prerequisite"
          label={t('settings.prerequisite')}
          extra={t('settings.prerequisiteHint')}
        >
          <Select
            style={{ maxWidth: 240 }}
            options={[
              { value: NONE, label: t('settings.noPrerequisite') },
              ...campaign.stars.map((s) => ({ value: s.code, label: s.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="trim"
          label={t('settings.trim')}
          extra={t('settings.trimHint')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="problemDeduction"
          label={t('settings.problemDeduction')}
          extra={t('settings.problemDeductionHint')}
        >
          <InputNumber min={0} max={100} step={0.5} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="status" label={t('campaigns.field.status')}>
          <Select
            style={{ maxWidth: 240 }}
            options={[
              { value: 'active', label: t('campaigns.status.active') },
              { value: 'archived', label: t('campaigns.status.archived') },
            ]}
          />
        </Form.Item>
        {save.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={errorMessage(save.error, t('common.unknownError'))}
          />
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
