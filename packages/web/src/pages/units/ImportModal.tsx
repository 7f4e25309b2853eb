import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Modal, Progress, Statistic, Typography, Upload } from 'antd';
import { uploadFile } from '../../api/client';
import type { ImportResultView } from '../../api/types';
import { ImportFailure } from '../../components/ImportErrorTable';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { queryKeys } from '../../hooks/queryKeys';
import { useI18n } from '../../i18n';

const ACCEPT = '.xlsx,.csv,.json';
const MAX_BYTES = 50 * 1024 * 1024;

/** Upload dialog for the `单位` workbook (.xlsx, .csv or .json) with progress, summary and error report. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { state, upload, fail, reset } = useWorkbookUpload<ImportResultView>({
    unknownError: t('common.unknownError'),
    onDone: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.units }),
        client.invalidateQueries({ queryKey: queryKeys.contestGroups }),
      ]),
  });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) return fail(file.name, t('import.tooLarge'));
    upload(file.name, (onProgress) => uploadFile<ImportResultView>('/api/units/import', file, onProgress));
  };

  const close = () => {
    if (state.step === 'uploading') return;
    reset();
    onClose();
  };

  const picker = (
    <Upload.Dragger
      accept={ACCEPT}
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        start(file);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('import.drop')}</p>
      <p className="ant-upload-hint">{t('import.formats')}</p>
    </Upload.Dragger>
  );

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={close}
      width={760}
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          {(state.step === 'done' || state.step === 'failed') && (
            <Button onClick={reset}>{t('import.again')}</Button>
          )}
          <Button
            type={state.step === 'done' ? 'primary' : 'default'}
            onClick={close}
            disabled={state.step === 'uploading'}
          >
            {state.step === 'done' ? t('common.done') : t('common.close')}
          </Button>
        </Flex>
      }
      destroyOnHidden
    >
      {state.step === 'pick' && (
        <Flex vertical gap={16}>
          <Alert
            type="info"
            showIcon
            title={t('import.templateTitle')}
            description={
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'sheet', label: t('import.sheet'), children: t('import.sheetName') },
                  { key: 'cols', label: t('import.columns'), children: t('import.columnList') },
                  { key: 'types', label: t('import.types'), children: t('import.typeList') },
                  { key: 'rule', label: t('import.rule'), children: t('import.ruleText') },
                ]}
              />
            }
          />
          {picker}
        </Flex>
      )}
      {state.step === 'uploading' && (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
          <Typography.Text>{t('import.uploading', { file: state.file })}</Typography.Text>
          <Progress percent={state.percent} status="active" style={{ maxWidth: 420, width: '100%' }} />
          <Typography.Text type="secondary">
            {state.percent >= 100 ? t('import.processing') : t('import.sending')}
          </Typography.Text>
        </Flex>
      )}
      {state.step === 'done' && (
        <Flex vertical gap={16}>
          <Alert type="success" showIcon title={t('import.success', { file: state.file })} />
          <Flex gap={32} wrap justify="space-around">
            <Statistic title={t('import.created')} value={state.result.created} />
            <Statistic title={t('import.updated')} value={state.result.updated} />
            <Statistic title={t('import.unchanged')} value={state.result.unchanged} />
          </Flex>
        </Flex>
      )}
      {state.step === 'failed' && (
        <ImportFailure message={state.message} files={state.file} details={state.details} />
      )}
    </Modal>
  );
}
