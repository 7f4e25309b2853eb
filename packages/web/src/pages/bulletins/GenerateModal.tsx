import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummaryView } from '../../api/types';
import { periodLabel } from '../../components/campaign/periodLabel';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { currentPeriod, monthsOf } from '../../components/period';
import { useBulletins, useCreateBulletin } from './api';
import { useBulletinI18n } from './i18n';

interface Values {
  campaign: string;
  month: string;
}

/**
 * The month to offer first: the one after the campaign's newest bulletin, else the campaign's current month;
 * never one that already has a bulletin (null when every month up to now has one).
 */
export function defaultMonth(year: number, taken: ReadonlySet<string>, today = new Date()): string | null {
  const months = monthsOf(year);
  const now = currentPeriod(year, 'month', today);
  const newest = months.filter((m) => taken.has(m)).at(-1);
  const after = newest ? months[months.indexOf(newest) + 1] : undefined;
  if (after && after <= now) return after;
  return months.filter((m) => m <= now && !taken.has(m)).at(-1) ?? null;
}

/** 生成通报 (district admin): a campaign and a month → the new draft, which opens. */
export function GenerateModal({
  campaigns,
  initialCampaign,
  open,
  onClose,
}: {
  campaigns: readonly CampaignSummaryView[];
  initialCampaign: string | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useBulletinI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateBulletin();
  const campaignCode = Form.useWatch('campaign', form) ?? initialCampaign;
  const campaign = campaigns.find((c) => c.code === campaignCode) ?? campaigns[0];
  const existing = useBulletins(open ? campaign?.code : undefined);
  const taken = new Set((existing.data?.bulletins ?? []).map((b) => b.month));
  const year = campaign?.year ?? new Date().getFullYear();
  const suggested = existing.isSuccess ? defaultMonth(year, taken) : null;

  // Once the campaign's bulletins are known, offer the next month unless one was already chosen.
  useEffect(() => {
    if (open && suggested && !form.getFieldValue('month')) form.setFieldValue('month', suggested);
  }, [open, suggested, form]);

  const submit = (values: Values) =>
    create
      .mutateAsync(values)
      .then((view) => {
        message.success(t('bulletin.form.done', { month: periodLabel(view.month, t) }));
        onClose();
        navigate(`/bulletins/${view.id}`);
      })
      .catch((error: unknown) => {
        if (!applyFieldError(form, error, ['campaign', 'month'])) message.error(errorMessage(error, ''));
      });

  return (
    <Modal
      open={open}
      title={t('bulletin.form.title')}
      okText={t('bulletin.form.ok')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
      width={480}
    >
      <Typography.Paragraph type="secondary">{t('bulletin.form.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ campaign: campaign?.code }}
        preserve={false}
      >
        <Form.Item name="campaign" label={t('bulletin.form.campaign')} rules={[{ required: true }]}>
          <Select
            options={campaigns.map((c) => ({ value: c.code, label: c.name }))}
            onChange={() => form.setFieldValue('month', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="month"
          label={t('bulletin.form.month')}
          rules={[{ required: true, message: t('bulletin.form.monthRequired') }]}
        >
          <Select
            placeholder={t('bulletin.form.month')}
            loading={existing.isPending}
            options={monthsOf(year).map((m) => ({
              value: m,
              disabled: taken.has(m),
              label: `${periodLabel(m, t)}${taken.has(m) ? t('bulletin.form.exists') : ''}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
