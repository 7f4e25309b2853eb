import { useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Flex, Statistic } from 'antd';
import { uploadFile } from '../../api/client';
import type { ImportResultView } from '../../api/types';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { SingleFileDropZone, WorkbookImportModal } from '../../components/WorkbookImportModal';
import { queryKeys } from '../../hooks/queryKeys';
import { useI18n } from '../../i18n';

const ACCEPT = '.xlsx,.csv,.json';
const MAX_BYTES = 50 * 1024 * 1024;

/** Upload dialog for the `单位` workbook (.xlsx, .csv or .json) with progress, summary and error report. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const uploader = useWorkbookUpload<ImportResultView>({
    unknownError: t('common.unknownError'),
    onDone: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.units }),
        client.invalidateQueries({ queryKey: queryKeys.contestGroups }),
      ]),
  });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) return uploader.fail(file.name, t('import.tooLarge'));
    uploader.upload(file.name, (onProgress) =>
      uploadFile<ImportResultView>('/api/units/import', file, onProgress),
    );
  };

  return (
    <WorkbookImportModal
      open={open}
      onClose={onClose}
      title={t('import.title')}
      upload={uploader}
      againLabel={t('import.again')}
      progressHints={{ sending: t('import.sending'), processing: t('import.processing') }}
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
                  { key: 'sheet', label: t('import.sheet'), children: t('import.sheetName') },
                  { key: 'cols', label: t('import.columns'), children: t('import.columnList') },
                  { key: 'types', label: t('import.types'), children: t('import.typeList') },
                  { key: 'rule', label: t('import.rule'), children: t('import.ruleText') },
                ]}
              />
            }
          />
          <SingleFileDropZone
            accept={ACCEPT}
            text={t('import.drop')}
            hint={t('import.formats')}
            onFile={start}
          />
        </Flex>
      }
      done={(result, file) => (
        <Flex vertical gap={16}>
          <Alert type="success" showIcon title={t('import.success', { file })} />
          <Flex gap={32} wrap justify="space-around">
            <Statistic title={t('import.created')} value={result.created} />
            <Statistic title={t('import.updated')} value={result.updated} />
            <Statistic title={t('import.unchanged')} value={result.unchanged} />
          </Flex>
        </Flex>
      )}
    />
  );
}
