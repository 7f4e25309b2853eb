import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Statistic } from 'antd';
import { uploadFile } from '../../api/client';
import type { HouseholdImportResultView } from '../../api/types';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { SingleFileDropZone, WorkbookImportModal } from '../../components/WorkbookImportModal';
import { courtyardKeys, TEMPLATE_URL } from './api';
import { useCourtyardI18n } from './i18n';

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload of the 住户 workbook: all or nothing, with the located errors as a table and the template to start from. */
export function HouseholdImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useCourtyardI18n();
  const client = useQueryClient();
  const uploader = useWorkbookUpload<HouseholdImportResultView>({
    unknownError: t('cy.import.failed'),
    onDone: () => client.invalidateQueries({ queryKey: courtyardKeys.all }),
  });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) return uploader.fail(file.name, t('import.tooLarge'));
    uploader.upload(file.name, (onProgress) =>
      uploadFile<HouseholdImportResultView>('/api/households/import', file, onProgress),
    );
  };

  return (
    <WorkbookImportModal
      open={open}
      onClose={onClose}
      title={t('cy.import.title')}
      upload={uploader}
      againLabel={t('cy.import.again')}
      pick={
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
          <SingleFileDropZone accept=".xlsx" text={t('cy.import.drop')} onFile={start} />
        </Flex>
      }
      done={(result) => (
        <Flex vertical gap={16}>
          <Alert
            type="success"
            showIcon
            title={t('cy.import.done', { created: result.created, updated: result.updated })}
          />
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
