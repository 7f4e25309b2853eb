import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, Statistic, Typography, Upload } from 'antd';
import { useNavigate } from 'react-router-dom';
import { uploadFiles } from '../../api/client';
import type { CampaignImportResultView } from '../../api/types';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { WorkbookImportModal } from '../../components/WorkbookImportModal';
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
  const uploader = useWorkbookUpload<CampaignImportResultView>({
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
      return uploader.fail(names, t('campaignImport.tooLarge'));
    if (files.length > MAX_FILES)
      return uploader.fail(names, t('campaignImport.tooMany', { max: MAX_FILES }));
    uploader.upload(names, (onProgress) =>
      uploadFiles<CampaignImportResultView>('/api/campaigns/import', files, onProgress),
    );
  };

  return (
    <WorkbookImportModal
      open={open}
      onClose={onClose}
      title={t('campaignImport.title')}
      width={800}
      upload={uploader}
      againLabel={t('import.again')}
      progressHints={{ sending: t('import.sending'), processing: t('campaignImport.processing') }}
      pick={
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
      }
      doneActions={(result, close) => (
        <Button
          type="primary"
          onClick={() => {
            close();
            navigate(`/campaigns/${encodeURIComponent(result.campaign.code)}`);
          }}
        >
          {t('campaignImport.open')}
        </Button>
      )}
      done={(result, file) => (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            title={t('campaignImport.success', { name: result.campaign.name })}
            description={t('import.failedFile', { file })}
          />
          <Flex gap={24} wrap justify="space-around">
            <Statistic title={t('campaignImport.assessed')} value={result.assessed} />
            <Statistic title={t('campaignImport.items')} value={result.items} />
            <Statistic title={t('campaignImport.targets')} value={result.targets} />
            <Statistic title={t('campaignImport.scores')} value={result.scores} />
            <Statistic title={t('campaignImport.bonuses')} value={result.bonuses} />
          </Flex>
          <Typography.Text type="secondary">
            {t('campaignImport.unitsLine', {
              created: result.units.created,
              updated: result.units.updated,
              unchanged: result.units.unchanged,
            })}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}
