import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummaryView, PublicationScope } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { usePublish } from '../../hooks/usePublications';
import { usePublicationsI18n } from './i18n';

interface Values {
  campaignCode: string;
  period: string;
  scope: PublicationScope;
  title?: string;
  publisher: string;
  contact: string;
  windowDays: number;
}

const QUARTERS = ['一', '二', '三', '四'];

/** 发布公示: campaign, a quarter or the year, scope, title, publisher, objection contact and window. */
export function PublishModal({
  campaigns,
  open,
  onClose,
}: {
  campaigns: readonly CampaignSummaryView[];
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = usePublicationsI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const publish = usePublish();
  const key = useRef(newIdempotencyKey());
  const campaignCode = Form.useWatch('campaignCode', form);
  const year = campaigns.find((c) => c.code === campaignCode)?.year ?? campaigns[0]?.year ?? 2023;
  const periods = [
    ...[1, 2, 3, 4].map((q) => ({
      value: `${year}-Q${q}`,
      label: lang === 'zh' ? `${year}年第${QUARTERS[q - 1]}季度` : `${year} Q${q}`,
    })),
    { value: String(year), label: lang === 'zh' ? `${year}年度` : `Year ${year}` },
  ];

  const submit = (values: Values) =>
    modal.confirm({
      title: t('pub.form.title'),
      content: t('pub.form.confirm'),
      okText: t('pub.form.submit'),
      onOk: () =>
        publish
          .mutateAsync({ ...values, title: values.title?.trim() || undefined, idempotencyKey: key.current })
          .then((res) => {
            message.success(t('pub.published', { number: res.publication.number }));
            key.current = newIdempotencyKey();
            onClose();
            navigate(`/publications/${res.publication.id}`);
          })
          .catch((error: unknown) => {
            if (!applyFieldError(form, error, ['campaignCode', 'period', 'contact', 'publisher', 'title']))
              message.error(errorMessage(error, ''));
          }),
    });

  return (
    <Modal
      open={open}
      title={t('pub.form.title')}
      okText={t('pub.form.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: publish.isPending }}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          campaignCode: campaigns[0]?.code,
          scope: 'public',
          publisher: '区委组织部',
          windowDays: 5,
        }}
      >
        <Form.Item name="campaignCode" label={t('pub.form.campaign')} rules={[{ required: true }]}>
          <Select
            options={campaigns.map((c) => ({ value: c.code, label: c.name }))}
            onChange={() => form.setFieldValue('period', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('pub.form.period')}
          extra={t('pub.form.periodHint')}
          rules={[{ required: true, message: t('pub.form.period') }]}
        >
          <Select options={periods} placeholder={t('pub.form.period')} />
        </Form.Item>
        <Form.Item name="scope" label={t('pub.form.scope')}>
          <Radio.Group
            options={[
              { value: 'public', label: `${t('pub.scope.public')}（${t('pub.scope.publicHint')}）` },
              { value: 'internal', label: `${t('pub.scope.internal')}（${t('pub.scope.internalHint')}）` },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        </Form.Item>
        <Form.Item name="title" label={t('pub.form.customTitle')}>
          <Input maxLength={100} placeholder={t('pub.form.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="publisher"
          label={t('pub.form.publisher')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('pub.form.contact')}
          rules={[{ required: true, whitespace: true, message: t('pub.form.contactPlaceholder') }]}
        >
          <Input.TextArea rows={2} maxLength={200} placeholder={t('pub.form.contactPlaceholder')} />
        </Form.Item>
        <Form.Item name="windowDays" label={t('pub.form.windowDays')} extra={t('pub.form.windowHint')}>
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
