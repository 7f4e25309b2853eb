import { PlusOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import type { PhotoView } from '../../api/types';
import { newIdempotencyKey } from '../../components/idempotency';
import { useI18n } from '../../i18n';

const MAX_PHOTOS = 9;
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** What the form needs from the uploader: the uploaded photos' keys, and whether one is still on its way. */
export interface PhotoState {
  keys: string[];
  uploading: boolean;
}

/**
 * Photo evidence for a problem or a rectification: each picture is uploaded at once (with progress) under
 * its own idempotency key, so a retried upload never stores it twice; the form sends the keys.
 */
export function PhotoUploader({
  unitCode,
  onChange,
  disabled,
}: {
  unitCode: string | undefined;
  onChange: (state: PhotoState) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<PhotoView>[]>([]);
  // Each picked file's idempotency key, by the uploader's uid: a retry of the same file reuses it.
  const keys = useRef(new Map<string, string>());

  const publish = (next: UploadFile<PhotoView>[]) => {
    setFiles(next);
    onChange({
      keys: next
        .filter((f) => f.status === 'done')
        .map((f) => keys.current.get(f.uid))
        .filter((k): k is string => Boolean(k)),
      uploading: next.some((f) => f.status === 'uploading'),
    });
  };

  const customRequest: UploadProps<PhotoView>['customRequest'] = ({
    file,
    onProgress,
    onSuccess,
    onError,
  }) => {
    if (!(file instanceof File) || !unitCode) return;
    const uid = (file as File & { uid?: string }).uid ?? file.name;
    const key = keys.current.get(uid) ?? newIdempotencyKey();
    keys.current.set(uid, key);
    uploadFile<PhotoView>('/api/photos', file, (percent) => onProgress?.({ percent }), {
      idempotencyKey: key,
      unitCode,
      takenAt: new Date(file.lastModified || Date.now()).toISOString(),
    })
      .then((photo) => onSuccess?.(photo))
      .catch((error: unknown) => {
        const text = error instanceof ApiError ? error.message : t('common.unknownError');
        message.error(t('problems.photos.failed', { name: file.name, error: text }));
        onError?.(new Error(text));
      });
  };

  return (
    <Upload<PhotoView>
      listType="picture-card"
      accept={ACCEPT}
      multiple
      disabled={disabled || !unitCode}
      fileList={files}
      customRequest={customRequest}
      beforeUpload={(file) => {
        if (!ACCEPT.split(',').includes(file.type)) {
          message.error(t('problems.photos.badType', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_BYTES) {
          message.error(t('problems.photos.tooLarge', { name: file.name }));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      onChange={({ fileList }) => publish(fileList)}
      aria-label={t('problems.photos.add')}
    >
      {files.length >= MAX_PHOTOS ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined />
          <div style={{ marginTop: 6, fontSize: 12 }}>{t('problems.photos.add')}</div>
        </button>
      )}
    </Upload>
  );
}
