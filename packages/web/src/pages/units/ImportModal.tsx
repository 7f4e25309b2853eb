import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Modal, Progress, Statistic, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import type { ApiErrorDetail, ImportResultView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { ImportFailure } from '../../components/ImportErrorTable';
import { queryKeys } from '../../hooks/queryKeys';
import { useI18n } from '../../i18n';

const ACCEPT = '.xlsx,.csv,.json';
const MAX_BYTES = 50 * 1024 * 1024;

type State =
  | { step: 'pick' }
  | { step: 'uploading'; file: string; percent: number }
  | { step: 'done'; file: string; result: ImportResultView }
  | { step: 'failed'; file: string; message: string; details: ApiErrorDetail[] };

/** Upload dialog for the `单位` workbook (.xlsx, .csv or .json) with progress, summary and error report. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [state, setState] = useState<State>({ step: 'pick' });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) {
      setState({ step: 'failed', file: file.name, message: t('import.tooLarge'), details: [] });
      return;
    }
    setState({ step: 'uploading', file: file.name, percent: 0 });
    uploadFile<ImportResultView>('/api/units/import', file, (percent) =>
      setState((s) => (s.step === 'uploading' ? { ...s, percent } : s)),
    )
      .then(async (result) => {
        setState({ step: 'done', file: file.name, result });
        await Promise.all([
          client.invalidateQueries({ queryKey: queryKeys.units }),
          client.invalidateQueries({ queryKey: queryKeys.contestGroups }),
        ]);
      })
      .catch((error: unknown) => {
        setState({
          step: 'failed',
          file: file.name,
          message: errorMessage(error, t('common.unknownError')),
          details: error instanceof ApiError ? error.details : [],
        });
      });
  };

  const close = () => {
    if (state.step === 'uploading') return;
    setState({ step: 'pick' });
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
            <Button onClick={() => setState({ step: 'pick' })}>{t('import.again')}</Button>
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
