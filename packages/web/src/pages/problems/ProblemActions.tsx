import { CheckOutlined, CloseOutlined, EyeOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ProblemDetailView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { newIdempotencyKey } from '../../components/idempotency';
import { useProblemStep } from '../../hooks/useProblems';
import { useI18n } from '../../i18n';
import { type PhotoState, PhotoUploader } from './PhotoUploader';

type Dialog = 'rectify' | 'pass' | 'fail' | null;

/**
 * What the viewer may do next on a problem, as the server's `can` says: the village submits its
 * rectification; an inspector, the street or the district starts the look-back, then passes (销号) or fails it.
 * Every submission carries its own idempotency key; a resend of the same dialog reuses it.
 */
export function ProblemActions({ detail }: { detail: ProblemDetailView }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { problem, can } = detail;
  const step = useProblemStep(problem.id, problem.campaignCode);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());

  const open = (which: Dialog) => {
    key.current = newIdempotencyKey();
    setNote('');
    setPhotos({ keys: [], uploading: false });
    setError(null);
    setDialog(which);
  };
  const fail = (e: unknown) => setError(errorMessage(e, t('common.unknownError')));

  const startReview = () =>
    modal.confirm({
      title: t('problems.startReviewConfirm', { number: problem.number }),
      content: t('problems.startReviewHint'),
      okText: t('problems.action.startReview'),
      onOk: () =>
        step
          .mutateAsync({ action: 'start-review', body: { idempotencyKey: newIdempotencyKey() } })
          .then(() => {
            setError(null);
            message.success(t('problems.reviewStarted'));
          })
          .catch((e: unknown) => {
            fail(e);
            message.error(errorMessage(e, t('common.unknownError')));
          }),
    });

  const submit = () => {
    if (photos.uploading) {
      message.warning(t('problems.photos.wait'));
      return;
    }
    const trimmed = note.trim();
    if (dialog === 'rectify') {
      if (!trimmed) return setError(t('problems.rectifyNoteRequired'));
      step.mutate(
        { action: 'rectify', body: { idempotencyKey: key.current, note: trimmed, photoKeys: photos.keys } },
        {
          onSuccess: () => {
            message.success(t('problems.rectified'));
            setDialog(null);
          },
          onError: fail,
        },
      );
    } else if (dialog === 'pass' || dialog === 'fail') {
      if (dialog === 'fail' && !trimmed) return setError(t('problems.failReasonRequired'));
      step.mutate(
        {
          action: 'review',
          body: {
            idempotencyKey: key.current,
            passed: dialog === 'pass',
            ...(trimmed ? { note: trimmed } : {}),
            photoKeys: photos.keys,
          },
        },
        {
          onSuccess: () => {
            message.success(dialog === 'pass' ? t('problems.passed') : t('problems.failed'));
            setDialog(null);
          },
          onError: fail,
        },
      );
    }
  };

  if (!can.rectify && !can.startReview && !can.review) return null;
  const title =
    dialog === 'rectify'
      ? t('problems.rectifyTitle', { number: problem.number })
      : dialog === 'pass'
        ? t('problems.passTitle', { number: problem.number })
        : t('problems.failTitle', { number: problem.number });

  return (
    <Flex vertical gap={8}>
      {error && !dialog && (
        <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />
      )}
      <Flex gap={8} wrap>
        {can.rectify && (
          <Button type="primary" icon={<ToolOutlined />} onClick={() => open('rectify')}>
            {t('problems.action.rectify')}
          </Button>
        )}
        {can.startReview && (
          <Button type="primary" icon={<EyeOutlined />} onClick={startReview} loading={step.isPending}>
            {t('problems.action.startReview')}
          </Button>
        )}
        {can.review && (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => open('pass')}>
              {t('problems.action.pass')}
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={() => open('fail')}>
              {t('problems.action.fail')}
            </Button>
          </>
        )}
      </Flex>
      <Modal
        open={dialog !== null}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={submit}
        okText={
          dialog === 'rectify'
            ? t('problems.action.rectify')
            : dialog === 'pass'
              ? t('problems.action.pass')
              : t('problems.action.fail')
        }
        okButtonProps={{ danger: dialog === 'fail', disabled: photos.uploading }}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form layout="vertical" requiredMark={false}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {problem.description}
          </Typography.Paragraph>
          <Form.Item
            label={
              dialog === 'rectify'
                ? t('problems.rectifyNote')
                : dialog === 'fail'
                  ? t('problems.failReason')
                  : t('problems.passNote')
            }
            required={dialog !== 'pass'}
          >
            <Input.TextArea
              rows={3}
              maxLength={2000}
              showCount
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={
                dialog === 'rectify'
                  ? t('problems.rectifyPlaceholder')
                  : dialog === 'fail'
                    ? t('problems.failPlaceholder')
                    : t('problems.passPlaceholder')
              }
            />
          </Form.Item>
          <Form.Item
            label={t('problems.field.photos')}
            extra={dialog === 'rectify' ? t('problems.photos.rectifyHint') : t('problems.photos.hint')}
          >
            {dialog && <PhotoUploader unitCode={problem.unitCode} onChange={setPhotos} />}
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </Flex>
  );
}
