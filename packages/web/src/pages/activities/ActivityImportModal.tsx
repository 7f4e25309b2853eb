import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import type { ActivityListView } from '../../api/types';
import { periodLabel } from '../../components/campaign/periodLabel';
import { useWorkbookUpload } from '../../components/useWorkbookUpload';
import { SingleFileDropZone, WorkbookImportModal } from '../../components/WorkbookImportModal';
import {
  ACTIVITY_TEMPLATE_URL,
  type ActivityImportResultView,
  importActivities,
  useRefreshActivities,
} from './api';
import { useActivityI18n } from './i18n';

const ACCEPT = '.xlsx,.csv,.json';
/** The server's limit for a workbook. */
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Upload of a 宣传活动 workbook (from the template): all or nothing, with progress, the events and days it added,
 * or the server's located errors as a table.
 */
export function ActivityImportModal({
  open,
  period,
  onClose,
}: {
  open: boolean;
  /** The period shown, to say when imported events lie outside it. */
  period: ActivityListView['period'];
  onClose: () => void;
}) {
  const { t } = useActivityI18n();
  const refresh = useRefreshActivities();
  const uploader = useWorkbookUpload<ActivityImportResultView>({
    unknownError: t('activities.import.failed'),
    onDone: refresh,
  });

  const start = (file: File) => {
    if (file.size > MAX_BYTES) return uploader.fail(file.name, t('import.tooLarge'));
    uploader.upload(file.name, (onProgress) => importActivities(file, onProgress));
  };

  const outside = (day: string | null) =>
    day !== null && (day.slice(0, 7) < period.start || day.slice(0, 7) > period.end);

  return (
    <WorkbookImportModal
      open={open}
      onClose={onClose}
      title={t('activities.import.title')}
      upload={uploader}
      againLabel={t('activities.import.again')}
      progressHints={{ sending: t('import.sending'), processing: t('import.processing') }}
      pick={
        <Flex vertical gap={16}>
          <Alert
            type="info"
            showIcon
            title={t('activities.import.hint')}
            description={
              <>
                <div>{t('activities.import.units')}</div>
                <div>{t('activities.import.rule')}</div>
              </>
            }
            action={
              <Button size="small" icon={<DownloadOutlined />} href={ACTIVITY_TEMPLATE_URL} download>
                {t('activities.import.template')}
              </Button>
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
      done={(result) => (
        <Alert
          type="success"
          showIcon
          data-testid="import-done"
          title={
            result.from === result.to
              ? t('activities.import.doneOneDay', {
                  count: result.created,
                  day: result.from ?? '',
                })
              : t('activities.import.done', {
                  count: result.created,
                  from: result.from ?? '',
                  to: result.to ?? '',
                })
          }
          description={
            outside(result.from) || outside(result.to)
              ? t('activities.import.outside', { period: periodLabel(period.key, t) })
              : undefined
          }
        />
      )}
    />
  );
}
