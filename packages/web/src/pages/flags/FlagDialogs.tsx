import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { FlagAwardView, FlagCapView, StarView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { useCreateFlag } from '../../hooks/useRatings';
import { useI18n } from '../../i18n';
import { type PhotoState, PhotoUploader } from '../problems/PhotoUploader';
import { useUnitOptions } from '../problems/unitOptions';
import { useCapText } from './labels';

interface Values {
  unitCode: string;
  star: string;
  month: string;
  title: string;
  points: number;
  reason: string;
}

const FIELDS = ['unitCode', 'star', 'month', 'title', 'points', 'reason'];

/** 新增夺旗争先: unit, star, month, title, points within the module budget, reason and photos. */
export function CreateFlagModal({
  open,
  onClose,
  campaign,
  year,
  stars,
  budget,
  caps,
}: {
  open: boolean;
  onClose: () => void;
  campaign: string;
  year: number;
  stars: readonly StarView[];
  budget: number;
  caps: readonly FlagCapView[];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnitOptions(open);
  const create = useCreateFlag(campaign);
  const unitCode = Form.useWatch('unitCode', form);
  const star = Form.useWatch('star', form);
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const capText = useCapText();

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setPhotos({ keys: [], uploading: false });
    setError(null);
    const now = new Date();
    const month = now.getFullYear() === year ? now.getMonth() + 1 : 12;
    form.setFieldsValue({ star: stars[0]?.code, month: `${year}-${String(month).padStart(2, '0')}` });
  }, [open, form, stars, year]);

  const cap = caps.find((c) => c.unitCode === unitCode && c.star === star);

  const onFinish = (v: Values) => {
    if (photos.uploading) {
      message.warning(t('problems.photos.wait'));
      return;
    }
    setError(null);
    create.mutate(
      {
        idempotencyKey: key.current,
        unitCode: v.unitCode,
        star: v.star,
        month: v.month,
        title: v.title.trim(),
        points: v.points,
        reason: v.reason.trim(),
        photoKeys: photos.keys,
      },
      {
        onSuccess: () => {
          message.success(t('flags.created', { unit: units.nameOf(v.unitCode) }));
          onClose();
        },
        onError: (e) => {
          if (!applyFieldError(form, e, FIELDS)) setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  return (
    <Modal
      open={open}
      title={t('flags.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('flags.createOk')}
      okButtonProps={{ disabled: photos.uploading }}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
      width={600}
    >
      <Form<Values> form={form} name="create-flag" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="unitCode"
          label={t('flags.col.unit')}
          rules={[{ required: true, message: t('flags.unitRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            placeholder={t('problems.pickUnit')}
            options={units.assessedOptions}
          />
        </Form.Item>
        <Form.Item name="star" label={t('flags.col.star')} rules={[{ required: true }]}>
          <Select options={stars.map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="month" label={t('flags.col.month')} rules={[{ required: true }]}>
          <Select options={months.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('flags.col.title')}
          rules={[
            { required: true, whitespace: true, message: t('flags.titleRequired') },
            { max: 100, message: t('flags.titleTooLong') },
          ]}
        >
          <Input maxLength={100} placeholder={t('flags.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('flags.col.points')}
          rules={[{ required: true, message: t('flags.pointsRequired') }]}
          extra={
            cap ? (
              <Typography.Text type={cap.capped ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('flags.capNow', { text: capText(cap) })}
              </Typography.Text>
            ) : (
              t('flags.budgetHint', { budget: formatNumber(budget) })
            )
          }
        >
          <InputNumber
            min={0.5}
            max={budget}
            step={0.5}
            precision={2}
            style={{ width: 160 }}
            suffix={t('flags.unit')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('flags.col.reason')}
          rules={[
            { required: true, whitespace: true, message: t('flags.reasonRequired') },
            { max: 500, message: t('flags.reasonTooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('flags.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('flags.col.photos')}
          extra={unitCode ? t('problems.photos.hint') : t('problems.photos.pickUnitFirst')}
        >
          <PhotoUploader key={unitCode ?? ''} unitCode={unitCode} onChange={setPhotos} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 驳回: the note is required. */
export function RejectFlagModal({
  award,
  onClose,
  onSubmit,
  pending,
  error,
}: {
  award: FlagAwardView | null;
  onClose: () => void;
  onSubmit: (note: string) => void;
  pending: boolean;
  error: string | null;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (award) {
      setNote('');
      setMissing(false);
    }
  }, [award]);
  return (
    <Modal
      open={award !== null}
      title={t('flags.rejectTitle', { title: award?.title ?? '', unit: award?.unitName ?? '' })}
      onCancel={onClose}
      onOk={() => {
        if (!note.trim()) return setMissing(true);
        onSubmit(note.trim());
      }}
      okText={t('flags.reject')}
      okButtonProps={{ danger: true }}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false}>
        <Form.Item
          label={t('flags.rejectNote')}
          required
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('flags.rejectNoteRequired') : undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('flags.rejectPlaceholder')}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
