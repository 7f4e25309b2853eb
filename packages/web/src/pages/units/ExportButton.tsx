import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useI18n } from '../../i18n';

const exportUrl = (format: 'xlsx' | 'csv' | 'json') => `/api/units/export?format=${format}`;

/** "导出Excel" plus a menu for CSV and JSON; a plain link, so the browser handles the download. */
export function ExportButton() {
  const { t } = useI18n();
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} href={exportUrl('xlsx')} download>
        {t('units.exportExcel')}
      </Button>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'csv',
              label: (
                <a href={exportUrl('csv')} download>
                  {t('units.exportCsv')}
                </a>
              ),
            },
            {
              key: 'json',
              label: (
                <a href={exportUrl('json')} download>
                  {t('units.exportJson')}
                </a>
              ),
            },
          ],
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('units.exportOther')} />
      </Dropdown>
    </Space.Compact>
  );
}
