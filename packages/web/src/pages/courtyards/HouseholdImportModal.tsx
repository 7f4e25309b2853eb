import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Statistic, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import type { ApiErrorDetail, HouseholdImportResultView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { ImportFailure } from '../../components/ImportErrorTable';
import { courtyardKeys, TEMPLATE_URL } from './api';
import { useCourtyardI18n } from './i18n';

const MAX_BYTES = 20 * 1024 * 1024;

type State =
  | { step: 'pick' }
  | { step: 'uploading'; file: string; percent: number }
  | { step: 'done'; file: string; result: HouseholdImportResultView }
  | { step: 'failed'; file: string; message: string; details: ApiErrorDetail[] };

/** Upload of the 住户 workbook: all or nothing, with the located errors as a table and the template to start from. */
export function HouseholdImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useCourtyardI18n();
  const client = useQueryClient();
  const [state, setState] = useState<State>({ step: 'pick' });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) {
      setState({ step: 'failed', file: file.name, message: t('import.tooLarge'), details: [] });
      return;
    }
    setState({ step: 'uploading', file: file.name, percent: 0 });
    uploadFile<HouseholdImportResultView>('/api/households/import', file, (percent) =>
      setState((s) => (s.step === 'uploading' ? { ...s, percent } : s)),
    )
      .then(async (result) => {
        setState({ step: 'done', file: file.name, result });
        await client.invalidateQueries({ queryKey: courtyardKeys.all });
      })
      .catch((error: unknown) =>
        setState({
          step: 'failed',
          file: file.name,
          message: errorMessage(error, t('cy.import.failed')),
          details: error instanceof ApiError ? error.details : [],
        }),
      );
  };

  const close = () => {
    if (state.step === 'uploading') return;
    setState({ step: 'pick' });
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
            <Button onClick={() => setState({ step: 'pick' })}>{t('cy.import.again')}</Button>
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
