import { InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Modal, Progress, Typography, Upload } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ImportFailure } from './ImportErrorTable';
import type { WorkbookUpload } from './useWorkbookUpload';

/**
 * The frame every workbook import dialog shares: what to fill in and a drop zone, the upload's progress, what
 * was imported, or the server's located errors; 重新选择文件 and 完成/关闭 below. Closing waits for an upload.
 */
export function WorkbookImportModal<R>({
  open,
  onClose,
  title,
  width = 760,
  upload,
  againLabel,
  pick,
  progressHints,
  done,
  doneActions,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  width?: number;
  /** The dialog's state, from useWorkbookUpload. */
  upload: WorkbookUpload<R>;
  againLabel: string;
  /** The first step: what to fill in, and the drop zone. */
  pick: ReactNode;
  /** Under the progress bar: while sending, and once sent (the server checking and writing). */
  progressHints?: { sending: string; processing: string };
  done: (result: R, file: string) => ReactNode;
  /** Buttons before 完成 once done (e.g. open what was imported). */
  doneActions?: (result: R, close: () => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { state, reset } = upload;
  const close = () => {
    if (state.step === 'uploading') return;
    reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      width={width}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          {(state.step === 'done' || state.step === 'failed') && (
            <Button onClick={reset}>{againLabel}</Button>
          )}
          {state.step === 'done' && doneActions?.(state.result, close)}
          <Button
            type={state.step === 'done' && !doneActions ? 'primary' : 'default'}
            onClick={close}
            disabled={state.step === 'uploading'}
          >
            {state.step === 'done' ? t('common.done') : t('common.close')}
          </Button>
        </Flex>
      }
    >
      {state.step === 'pick' && pick}
      {state.step === 'uploading' && (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
          <Typography.Text style={{ textAlign: 'center' }}>
            {t('import.uploading', { file: state.file })}
          </Typography.Text>
          <Progress percent={state.percent} status="active" style={{ maxWidth: 420, width: '100%' }} />
          {progressHints && (
            <Typography.Text type="secondary">
              {state.percent >= 100 ? progressHints.processing : progressHints.sending}
            </Typography.Text>
          )}
        </Flex>
      )}
      {state.step === 'done' && done(state.result, state.file)}
      {state.step === 'failed' && (
        <ImportFailure message={state.message} files={state.file} details={state.details} />
      )}
    </Modal>
  );
}

/** The drop zone of a one-file import: a click or a drop starts the upload at once. */
export function SingleFileDropZone({
  accept,
  text,
  hint,
  onFile,
}: {
  accept: string;
  text: string;
  hint?: string;
  onFile: (file: File) => void;
}) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{text}</p>
      {hint && <p className="ant-upload-hint">{hint}</p>}
    </Upload.Dragger>
  );
}
