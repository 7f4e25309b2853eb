import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import type { DocumentView } from '../../api/types';
import { newIdempotencyKey } from '../../components/idempotency';
import { useTasksI18n } from './i18n';

const MAX_DOCUMENTS = 5;
const MAX_BYTES = 20 * 1024 * 1024;
/** What the document store accepts (it checks the content too): PDF and Word, Excel, PowerPoint files. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.pptx';

/** What the form needs: the uploaded documents' keys, and whether one is still on its way. */
export interface DocumentState {
  keys: string[];
  uploading: boolean;
}

/**
 * Evidence documents (PDF, Word, Excel, PowerPoint) for a task submission: each file is uploaded at once to
 * POST /api/documents under its own idempotency key (a retried upload is stored once); the form sends the keys.
 */
export function DocumentUploader({
  unitCode,
  onChange,
  disabled,
}: {
  unitCode: string;
  onChange: (state: DocumentState) => void;
  disabled?: boolean;
}) {
  const { t } = useTasksI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<{ document: DocumentView }>[]>([]);
  const keys = useRef(new Map<string, string>());

  const publish = (next: UploadFile<{ document: DocumentView }>[]) => {
    setFiles(next);
    onChange({
      keys: next
        .filter((f) => f.status === 'done')
        .map((f) => keys.current.get(f.uid))
        .filter((k): k is string => Boolean(k)),
      uploading: next.some((f) => f.status === 'uploading'),
    });
  };

  const customRequest: UploadProps<{ document: DocumentView }>['customRequest'] = ({
    file,
    onProgress,
    onSuccess,
    onError,
  }) => {
    if (!(file instanceof File)) return;
    const uid = (file as File & { uid?: string }).uid ?? file.name;
    const key = keys.current.get(uid) ?? newIdempotencyKey();
    keys.current.set(uid, key);
    uploadFile<{ document: DocumentView }>('/api/documents', file, (percent) => onProgress?.({ percent }), {
      idempotencyKey: key,
      unitCode,
    })
      .then((answer) => onSuccess?.(answer))
      .catch((error: unknown) => {
        const text = error instanceof ApiError ? error.message : t('common.unknownError');
        message.error(t('tasks.documents.failed', { name: file.name, error: text }));
        onError?.(new Error(text));
      });
  };

  return (
    <Upload<{ document: DocumentView }>
      accept={ACCEPT}
      multiple
      disabled={disabled}
      fileList={files}
      customRequest={customRequest}
      beforeUpload={(file) => {
        const dot = file.name.lastIndexOf('.');
        const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
        if (!ACCEPT.split(',').includes(ext)) {
          message.error(t('tasks.documents.badType', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_BYTES) {
          message.error(t('tasks.documents.tooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (files.length >= MAX_DOCUMENTS) {
          message.error(t('tasks.documents.tooMany', { max: MAX_DOCUMENTS }));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      onChange={({ fileList }) => publish(fileList)}
    >
      {files.length >= MAX_DOCUMENTS ? null : (
        <Button icon={<PaperClipOutlined />} disabled={disabled}>
          {t('tasks.documents.add')}
        </Button>
      )}
    </Upload>
  );
}
