import { App, Form, Input, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import type { PublicationSnapshot } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { useFileObjection } from '../../hooks/usePublications';
import { type PhotoState, PhotoUploader } from '../problems/PhotoUploader';
import { usePublicationsI18n } from './i18n';

interface Values {
  unitCode: string;
  reason: string;
}

/** 提出异议: a village user (its own unit) or a street admin (its villages) objects to a published row. */
export function ObjectionModal({
  publicationId,
  snapshot,
  unitCodes,
  open,
  onClose,
}: {
  publicationId: string;
  snapshot: PublicationSnapshot;
  unitCodes: readonly string[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = usePublicationsI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const unitCode = Form.useWatch('unitCode', form) ?? unitCodes[0];
  const file = useFileObjection(publicationId);
  // One key per attempt: a retry after a lost answer reuses it, a new objection gets a new one.
  const key = useRef(newIdempotencyKey());
  const nameOf = (code: string) => snapshot.units.find((u) => u.code === code)?.name ?? code;

  const submit = (values: Values) =>
    file.mutate(
      {
        idempotencyKey: key.current,
        unitCode: values.unitCode,
        reason: values.reason,
        photoKeys: photos.keys,
      },
      {
        onSuccess: () => {
          message.success(t('pub.objections.filed'));
          key.current = newIdempotencyKey();
          form.resetFields();
          onClose();
        },
        onError: (error) => {
          if (!applyFieldError(form, error, ['unitCode', 'reason'])) message.error(errorMessage(error, ''));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('pub.objections.file')}
      okText={t('pub.objections.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: file.isPending, disabled: photos.uploading }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ unitCode: unitCodes[0] }} onFinish={submit}>
        <Form.Item name="unitCode" label={t('pub.objections.unit')} rules={[{ required: true }]}>
          <Select
            options={unitCodes.map((c) => ({ value: c, label: nameOf(c) }))}
            disabled={unitCodes.length === 1}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('pub.objections.reason')}
          rules={[{ required: true, whitespace: true, message: t('pub.objections.reasonPlaceholder') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={t('pub.objections.reasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('pub.objections.photos')}>
          <PhotoUploader key={unitCode} unitCode={unitCode} onChange={setPhotos} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
