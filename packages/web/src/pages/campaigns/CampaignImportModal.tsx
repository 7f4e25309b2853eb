import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Modal, Progress, Statistic, Typography, Upload } from 'antd';
import { useNavigate } from 'react-router-dom';
import { uploadFiles } from '../../api/client';
import type { CampaignImportResultView } from '../../api/types';
import { ImportFailure } from '../../components/ImportErrorTable';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { queryKeys } from '../../hooks/queryKeys';
import { useI18n } from '../../i18n';

const ACCEPT = '.xlsx,.csv,.json';
const MAX_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 20;

/**
 * Imports a whole campaign workbook: one .xlsx or .json, or the CSV set (one file per sheet, named after
 * it). All-or-nothing: a bad workbook changes nothing and every problem is listed by sheet, row and column.
 */
export function CampaignImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { state, upload, fail, reset } = useWorkbookUpload<CampaignImportResultView>({
    unknownError: t('common.unknownError'),
    onDone: (result) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.campaigns }),
        client.invalidateQueries({ queryKey: queryKeys.campaignData(result.campaign.code) }),
        client.invalidateQueries({ queryKey: queryKeys.units }),
      ]),
  });

  const start = (files: File[]) => {
    const names = files.map((f) => f.name).join(t('common.enumSeparator'));
    // The server takes at most 50 MB in one upload, all files together.
    if (files.reduce((sum, f) => sum + f.size, 0) > MAX_BYTES)
      return fail(names, t('campaignImport.tooLarge'));
    if (files.length > MAX_FILES) return fail(names, t('campaignImport.tooMany', { max: MAX_FILES }));
    upload(names, (onProgress) =>
      uploadFiles<CampaignImportResultView>('/api/campaigns/import', files, onProgress),
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
      title={t('campaignImport.title')}
      onCancel={close}
      width={800}
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          {(state.step === 'done' || state.step === 'failed') && (
            <Button onClick={reset}>{t('import.again')}</Button>
          )}
          {state.step === 'done' && (
            <Button
              type="primary"
              onClick={() => {
                const code = state.result.campaign.code;
                close();
                navigate(`/campaigns/${encodeURIComponent(code)}`);
              }}
            >
              {t('campaignImport.open')}
            </Button>
          )}
          <Button onClick={close} disabled={state.step === 'uploading'}>
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
                  {
                    key: 'sheets',
                    label: t('campaignImport.sheets'),
                    children: t('campaignImport.sheetList'),
                  },
                  { key: 'files', label: t('campaignImport.files'), children: t('campaignImport.fileRule') },
                  { key: 'rule', label: t('import.rule'), children: t('campaignImport.ruleText') },
                ]}
              />
            }
          />
          <Upload.Dragger
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file, fileList) => {
              // Called once per file of the batch: start with the whole batch on its last file.
              if (file === fileList[fileList.length - 1]) start([...fileList]);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('campaignImport.drop')}</p>
            <p className="ant-upload-hint">{t('campaignImport.formats')}</p>
          </Upload.Dragger>
        </Flex>
      )}
      {state.step === 'uploading' && (
        <Flex vertical align="center" gap={12} style={{ padding: '32px 0' }}>
          <Typography.Text style={{ textAlign: 'center' }}>
            {t('import.uploading', { file: state.file })}
          </Typography.Text>
          <Progress percent={state.percent} status="active" style={{ maxWidth: 420, width: '100%' }} />
          <Typography.Text type="secondary">
            {state.percent >= 100 ? t('campaignImport.processing') : t('import.sending')}
          </Typography.Text>
        </Flex>
      )}
      {state.step === 'done' && (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            title={t('campaignImport.success', { name: state.result.campaign.name })}
            description={t('import.failedFile', { file: state.file })}
          />
          <Flex gap={24} wrap justify="space-around">
            <Statistic title={t('campaignImport.assessed')} value={state.result.assessed} />
            <Statistic title={t('campaignImport.items')} value={state.result.items} />
            <Statistic title={t('campaignImport.targets')} value={state.result.targets} />
            <Statistic title={t('campaignImport.scores')} value={state.result.scores} />
            <Statistic title={t('campaignImport.bonuses')} value={state.result.bonuses} />
          </Flex>
          <Typography.Text type="secondary">
            {t('campaignImport.unitsLine', {
              created: state.result.units.created,
              updated: state.result.units.updated,
              unchanged: state.result.units.unchanged,
            })}
          </Typography.Text>
        </Flex>
      )}
      {state.step === 'failed' && (
        <ImportFailure message={state.message} files={state.file} details={state.details} />
      )}
    </Modal>
  );
}
