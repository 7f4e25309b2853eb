import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { ProblemSeverity, ProblemSource, StarView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { useRaiseProblem } from '../../hooks/useProblems';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { SEVERITIES, SOURCES } from './labels';
import { type PhotoState, PhotoUploader } from './PhotoUploader';
import { useUnitOptions } from './unitOptions';

interface Values {
  unitCode: string;
  star: string;
  source: ProblemSource;
  description: string;
  severity: ProblemSeverity;
  deadline: Dayjs;
  responsible?: string;
}

const FIELDS = ['unitCode', 'star', 'source', 'description', 'severity', 'deadline', 'responsible'];

/** 登记问题: a district or street admin records a problem at a unit, with photos, outside any round. */
export function RaiseProblemModal({
  open,
  onClose,
  campaign,
  stars,
}: {
  open: boolean;
  onClose: () => void;
  campaign: string;
  stars: readonly StarView[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const units = useUnitOptions(open);
  const raise = useRaiseProblem();
  const unitCode = Form.useWatch('unitCode', form);
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  // One key per dialog: a resend after a lost answer is recognised, not recorded twice.
  const key = useRef(newIdempotencyKey());
  const isDistrict = user.role === 'district_admin';
  const sources = isDistrict ? SOURCES : SOURCES.filter((s) => s !== 'objection');

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setPhotos({ keys: [], uploading: false });
    form.setFieldsValue({
      star: stars[0]?.code,
      source: isDistrict ? 'supervision' : 'special',
      severity: 'minor',
      deadline: dayjs().add(15, 'day'),
    });
  }, [open, form, stars, isDistrict]);

  const onFinish = (v: Values) => {
    if (photos.uploading) {
      message.warning(t('problems.photos.wait'));
      return;
    }
    raise.mutate(
      {
        idempotencyKey: key.current,
        campaign,
        unitCode: v.unitCode,
        star: v.star,
        source: v.source,
        description: v.description.trim(),
        severity: v.severity,
        deadline: v.deadline.format('YYYY-MM-DD'),
        responsible: v.responsible?.trim() ? v.responsible.trim() : null,
        photoKeys: photos.keys,
      },
      {
        onSuccess: () => {
          message.success(t('problems.raised', { unit: units.nameOf(v.unitCode) }));
          onClose();
        },
        onError: (error) => {
          if (!applyFieldError(form, error, FIELDS))
            message.error(errorMessage(error, t('common.unknownError')));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('problems.raiseTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.raiseOk')}
      okButtonProps={{ disabled: photos.uploading }}
      confirmLoading={raise.isPending}
      destroyOnHidden
      forceRender
      width={600}
    >
      <Form<Values>
        form={form}
        name="raise-problem"
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
      >
        <Form.Item
          name="unitCode"
          label={t('problems.field.unit')}
          rules={[{ required: true, message: t('problems.unitRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            placeholder={t('problems.pickUnit')}
            options={units.assessedOptions}
          />
        </Form.Item>
        <Form.Item name="star" label={t('problems.field.star')} rules={[{ required: true }]}>
          <Select options={stars.map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="source" label={t('problems.field.source')} rules={[{ required: true }]}>
          <Select options={sources.map((s) => ({ value: s, label: t(`problems.source.${s}`) }))} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('problems.field.description')}
          rules={[
            { required: true, whitespace: true, message: t('problems.descriptionRequired') },
            { max: 2000, message: t('problems.descriptionTooLong') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('problems.descriptionPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('problems.field.severity')}>
          <Radio.Group
            optionType="button"
            options={SEVERITIES.map((s) => ({ value: s, label: t(`problems.severity.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('problems.field.deadline')}
          rules={[{ required: true, message: t('problems.deadlineRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="responsible" label={t('problems.field.responsible')} rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder={t('problems.responsiblePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('problems.field.photos')}
          extra={unitCode ? t('problems.photos.hint') : t('problems.photos.pickUnitFirst')}
        >
          <PhotoUploader key={unitCode ?? ''} unitCode={unitCode} onChange={setPhotos} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
