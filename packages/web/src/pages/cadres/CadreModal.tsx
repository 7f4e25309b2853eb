import { App, Form, Input, Modal, Segmented, Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CadreKind, CadreListView, CadreView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { useSaveCadre } from './api';
import { useCadreI18n } from './i18n';

interface CadreForm {
  name: string;
  kind: CadreKind;
  position: string;
  phone: string;
  streetCode: string;
  unitCodes: string[];
}

const FIELDS = ['name', 'kind', 'position', 'phone', 'streetCode', 'unitCodes'] as const;

/** Adds a cadre (cadre = null) or edits one: name, kind, position, phone, street and the villages linked. */
export function CadreModal({
  open,
  cadre,
  streets,
  onClose,
}: {
  open: boolean;
  cadre: CadreView | null;
  streets: CadreListView['streets'];
  onClose: () => void;
}) {
  const { t } = useCadreI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CadreForm>();
  const save = useSaveCadre();
  const [error, setError] = useState<string | null>(null);
  const streetCode = Form.useWatch('streetCode', form);
  const wasOpen = useRef(false);

  // Fills the form once per opening (a refetch of the list while open keeps what the user typed).
  useEffect(() => {
    if (open && !wasOpen.current) {
      setError(null);
      form.resetFields();
      form.setFieldsValue(
        cadre
          ? {
              name: cadre.name,
              kind: cadre.kind,
              position: cadre.position,
              phone: cadre.phone ?? '',
              streetCode: cadre.street.code,
              unitCodes: cadre.units.map((u) => u.code),
            }
          : {
              kind: 'stationed',
              streetCode: streets.length === 1 ? streets[0]?.code : undefined,
              unitCodes: [],
            },
      );
    }
    wasOpen.current = open;
  }, [open, cadre, streets, form]);

  const unitOptions = useMemo(
    () =>
      (streets.find((s) => s.code === streetCode)?.units ?? []).map((u) => ({
        value: u.code,
        label: t('common.nameWithCode', { name: u.name, code: u.code }),
      })),
    [streets, streetCode, t],
  );

  const submit = (values: CadreForm) => {
    setError(null);
    const fields = {
      name: values.name.trim(),
      kind: values.kind,
      position: values.position.trim(),
      phone: values.phone?.trim() ?? '',
      unitCodes: values.unitCodes,
    };
    save.mutate(
      { id: cadre?.id ?? null, body: cadre ? fields : { ...fields, streetCode: values.streetCode } },
      {
        onSuccess: () => {
          void message.success(t('cadres.saved'));
          onClose();
        },
        onError: (cause) => {
          if (!applyFieldError(form, cause, FIELDS)) setError(errorMessage(cause, t('common.unknownError')));
        },
      },
    );
  };

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('cadres.form.required', { field }),
  });
  return (
    <Modal
      open={open}
      title={cadre ? t('cadres.form.editTitle', { name: cadre.name }) : t('cadres.form.addTitle')}
      okText={t('cadres.form.save')}
      cancelText={t('cadres.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<CadreForm> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('cadres.form.name')} rules={[required(t('cadres.form.name'))]}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('cadres.form.kind')}>
          <Segmented<CadreKind>
            options={[
              { value: 'street', label: t('cadres.kind.street') },
              { value: 'stationed', label: t('cadres.kind.stationed') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="position"
          label={t('cadres.form.position')}
          extra={t('cadres.form.positionHint')}
          rules={[required(t('cadres.form.position'))]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label={t('cadres.form.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="streetCode"
          label={t('cadres.form.street')}
          rules={[{ required: true, message: t('cadres.form.required', { field: t('cadres.form.street') }) }]}
        >
          <Select
            disabled={cadre !== null || streets.length <= 1}
            options={streets.map((s) => ({ value: s.code, label: s.name }))}
            onChange={() => form.setFieldValue('unitCodes', [])}
          />
        </Form.Item>
        <Form.Item
          name="unitCodes"
          label={t('cadres.form.units')}
          extra={t('cadres.form.unitsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('cadres.form.unitsRequired') }]}
        >
          <Select mode="multiple" options={unitOptions} optionFilterProp="label" allowClear />
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
