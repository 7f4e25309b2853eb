import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Statistic, Typography, Upload } from 'antd';
import { uploadFile } from '../../api/client';
import type { HouseholdImportResultView } from '../../api/types';
import { ImportFailure } from '../../components/ImportErrorTable';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { courtyardKeys, TEMPLATE_URL } from './api';
import { useCourtyardI18n } from './i18n';

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload of the 住户 workbook: all or nothing, with the located errors as a table and the template to start from. */
export function HouseholdImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useCourtyardI18n();
  const client = useQueryClient();
  const { state, upload, fail, reset } = useWorkbookUpload<HouseholdImportResultView>({
    unknownError: t('cy.import.failed'),
    onDone: () => client.invalidateQueries({ queryKey: courtyardKeys.all }),
  });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) return fail(file.name, t('import.tooLarge'));
    upload(file.name, (onProgress) =>
      uploadFile<HouseholdImportResultView>('/api/households/import', file, onProgress),
    );
  };

  const close = () => {
    if (state.step === 'uploading') return;
    reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('cy.import.title')}
      onCancel={close}
      width={760}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          {(state.step === 'done' || state.step === 'failed') && (
            <Button onClick={reset}>{t('cy.import.again')}</Button>
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
    >
      {state.step === 'pick' && (
        <Flex vertical gap={16}>
          <Alert
            type="info"
            showIcon
            title={t('cy.import.hint')}
            action={
              <Button size="small" icon={<DownloadOutlined />} href={TEMPLATE_URL} download>
                {t('cy.hh.template')}
              </Button>
            }
          />
          <Upload.Dragger
            accept=".xlsx"
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
            <p className="ant-upload-text">{t('cy.import.drop')}</p>
          </Upload.Dragger>
        </Flex>
      )}
      {state.step === 'uploading' && (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
          <Typography.Text>{t('import.uploading', { file: state.file })}</Typography.Text>
          <Progress percent={state.percent} status="active" style={{ maxWidth: 420, width: '100%' }} />
        </Flex>
      )}
      {state.step === 'done' && (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            title={t('cy.import.done', { created: state.result.created, updated: state.result.updated })}
          />
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
