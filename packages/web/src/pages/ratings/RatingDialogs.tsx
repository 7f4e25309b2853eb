import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RatedVetoView, StarRatingListView, StarRatingRowView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { useConfirmRatings, useCreateVeto, useRevokeVeto } from '../../hooks/useRatings';
import { useI18n } from '../../i18n';
import { type PhotoState, PhotoUploader } from '../problems/PhotoUploader';

interface VetoValues {
  unitCode: string;
  star: string;
  reason: string;
  evidence?: string;
}

/** 记录一票否决: unit, one of its target stars, the reason, evidence text and photos. */
export function VetoModal({
  open,
  onClose,
  campaign,
  list,
}: {
  open: boolean;
  onClose: () => void;
  campaign: string;
  list: StarRatingListView;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VetoValues>();
  const create = useCreateVeto(campaign);
  const unitCode = Form.useWatch('unitCode', form);
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const starName = (code: string) => list.stars.find((s) => s.code === code)?.name ?? code;
  const units = useMemo(
    () => [...list.rows].sort((a, b) => a.unitCode.localeCompare(b.unitCode)),
    [list.rows],
  );
  const row = units.find((r) => r.unitCode === unitCode);

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setPhotos({ keys: [], uploading: false });
    setError(null);
  }, [open]);

  const onFinish = (v: VetoValues) => {
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
        reason: v.reason.trim(),
        evidence: v.evidence?.trim() ? v.evidence.trim() : null,
        photoKeys: photos.keys,
      },
      {
        onSuccess: () => {
          message.success(
            t('ratings.vetoRecorded', { unit: row?.unitName ?? v.unitCode, star: starName(v.star) }),
          );
          onClose();
        },
        onError: (e) => {
          if (!applyFieldError(form, e, ['unitCode', 'star', 'reason', 'evidence']))
            setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('ratings.vetoTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ratings.vetoOk')}
      okButtonProps={{ danger: true, disabled: photos.uploading }}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
      width={600}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('ratings.vetoHint')}
      </Typography.Paragraph>
      <Form<VetoValues> form={form} name="veto" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="unitCode"
          label={t('ratings.col.unit')}
          rules={[{ required: true, message: t('ratings.unitRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('problems.pickUnit')}
            onChange={() => form.setFieldValue('star', undefined)}
            options={units.map((r) => ({
              value: r.unitCode,
              label: r.streetName ? `${r.streetName} · ${r.unitName}` : r.unitName,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="star"
          label={t('ratings.star')}
          rules={[{ required: true, message: t('ratings.starRequired') }]}
        >
          <Select
            disabled={!row}
            placeholder={t('ratings.pickStar')}
            options={(row?.targets ?? []).map((s) => ({
              value: s,
              label: starName(s),
              disabled: row?.vetoes.some((v) => v.star === s),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('ratings.vetoReasonLabel')}
          rules={[
            { required: true, whitespace: true, message: t('ratings.reasonRequired') },
            { max: 500, message: t('ratings.reasonTooLong') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('ratings.vetoReasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="evidence" label={t('ratings.evidence')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('ratings.evidencePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('ratings.photos')}
          extra={unitCode ? t('problems.photos.hint') : t('problems.photos.pickUnitFirst')}
        >
          <PhotoUploader key={unitCode ?? ''} unitCode={unitCode} onChange={setPhotos} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 撤销一票否决, with the reason. */
export function RevokeVetoModal({
  target,
  onClose,
  campaign,
  starName,
}: {
  target: { row: StarRatingRowView; veto: RatedVetoView } | null;
  onClose: () => void;
  campaign: string;
  starName: (code: string) => string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const revoke = useRevokeVeto(campaign);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (target) {
      setReason('');
      setError(null);
    }
  }, [target]);
  const submit = () => {
    if (!target) return;
    if (!reason.trim()) return setError(t('ratings.revokeReasonRequired'));
    revoke.mutate(
      { id: target.veto.id, body: { reason: reason.trim() } },
      {
        onSuccess: () => {
          message.success(t('ratings.revoked'));
          onClose();
        },
        onError: (e) => setError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };
  return (
    <Modal
      open={target !== null}
      title={t('ratings.revokeTitle', {
        unit: target?.row.unitName ?? '',
        star: target ? starName(target.veto.star) : '',
      })}
      onCancel={onClose}
      onOk={submit}
      okText={t('ratings.revoke')}
      confirmLoading={revoke.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('ratings.vetoReason', { reason: target?.veto.reason ?? '' })}
      </Typography.Paragraph>
      <Form layout="vertical" requiredMark={false}>
        <Form.Item label={t('ratings.revokeReason')} required>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

/** 确认评定结果: freezes the computation as the next version; a reason is required after the first. */
export function ConfirmRatingsModal({
  open,
  onClose,
  campaign,
  list,
}: {
  open: boolean;
  onClose: () => void;
  campaign: string;
  list: StarRatingListView;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const confirm = useConfirmRatings(campaign);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const needsReason = list.latest !== null;
  useEffect(() => {
    if (open) {
      key.current = newIdempotencyKey();
      setReason('');
      setError(null);
    }
  }, [open]);
  const submit = () => {
    if (needsReason && !reason.trim()) return setError(t('ratings.confirmReasonRequired'));
    confirm.mutate(
      { idempotencyKey: key.current, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: (r) => {
          message.success(t('ratings.confirmed', { version: r.confirmation.version }));
          onClose();
        },
        onError: (e) => setError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };
  const rated = list.summary.filter((s) => s.count > 0).reduce((n, s) => n + s.units, 0);
  return (
    <Modal
      open={open}
      title={t('ratings.confirmTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('ratings.confirmOk')}
      confirmLoading={confirm.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('ratings.confirmIntro', {
          version: (list.latest?.version ?? 0) + 1,
          units: list.rows.length,
          rated,
        })}
      </Typography.Paragraph>
      {needsReason && (
        <Form layout="vertical" requiredMark={false}>
          <Form.Item label={t('ratings.confirmReason')} required>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('ratings.confirmReasonPlaceholder')}
            />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
