import { Alert, App, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { UnitTaskDetailView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { useSubmitTask } from '../../hooks/useTasks';
import { type PhotoState, PhotoUploader } from '../problems/PhotoUploader';
import { type DocumentState, DocumentUploader } from './DocumentUploader';
import { useTasksI18n } from './i18n';
import { lateRulePlain } from './labels';

/**
 * 提交完成情况 (the unit's village user): what was done, up to 9 photos and 5 documents. A submission before
 * the review (or after a return) is a new version. One idempotency key per attempt: a resend after a lost
 * answer is recognised, not stored twice.
 */
export function SubmitTaskForm({ detail, onDone }: { detail: UnitTaskDetailView; onDone: () => void }) {
  const { t } = useTasksI18n();
  const { message } = App.useApp();
  const { task, row } = detail;
  const submit = useSubmitTask(task.campaignCode, task.id, row.unitCode);
  const [form] = Form.useForm<{ text: string }>();
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const [documents, setDocuments] = useState<DocumentState>({ keys: [], uploading: false });
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  // Past the deadline (the server's days to it): this submission will be late.
  const late = row.daysLeft < 0;
  const again = detail.submissions.length > 0;

  const onFinish = ({ text }: { text: string }) => {
    if (photos.uploading || documents.uploading) {
      message.warning(t('tasks.submit.waitUploads'));
      return;
    }
    setError(null);
    // Handled on the promise: the page may remount this form once the new version is in.
    submit
      .mutateAsync({
        idempotencyKey: key.current,
        text: text.trim(),
        photoKeys: photos.keys,
        documentKeys: documents.keys,
      })
      .then(() => {
        key.current = newIdempotencyKey();
        message.success(t('tasks.submit.done'));
        onDone();
      })
      .catch((e: unknown) => {
        // A refused submission may change before it is sent again: a fresh key. A lost answer keeps its key.
        if (!(e instanceof ApiError && isRetryable(e.status))) key.current = newIdempotencyKey();
        if (!applyFieldError(form, e, ['text'])) setError(errorMessage(e, t('common.unknownError')));
      });
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish} name="submit-task">
      {late && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.submit.lateWarning', { deadline: task.deadline })}
          description={lateRulePlain(t, task.lateRule, task.lateDeduct)}
        />
      )}
      {row.state === 'returned' && row.reason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.submit.returnedBecause')}
          description={row.reason}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="text"
        label={t('tasks.submit.text')}
        rules={[
          { required: true, whitespace: true, message: t('tasks.submit.textRequired') },
          { max: 2000, message: t('tasks.submit.textTooLong') },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={2000}
          showCount
          placeholder={t('tasks.submit.textPlaceholder')}
        />
      </Form.Item>
      <Form.Item label={t('tasks.submit.photos')} extra={t('tasks.submit.photosHint')}>
        <PhotoUploader unitCode={row.unitCode} onChange={setPhotos} />
      </Form.Item>
      <Form.Item label={t('tasks.submit.documents')} extra={t('tasks.submit.documentsHint')}>
        <DocumentUploader unitCode={row.unitCode} onChange={setDocuments} />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={submit.isPending}
        disabled={photos.uploading || documents.uploading}
      >
        {again ? t('tasks.submit.again') : t('tasks.submit.button')}
      </Button>
    </Form>
  );
}
