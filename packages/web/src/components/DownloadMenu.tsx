import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps, Space } from 'antd';
import { useI18n } from '../i18n';

export type DownloadFormat = 'xlsx' | 'csv' | 'json';

/**
 * "导出Excel" plus a menu for CSV and JSON, as plain links so the browser downloads. `url` builds the link
 * for a format; `csvItems` replaces the single CSV entry (e.g. one CSV per workbook sheet); `json: false` for
 * exports that offer only Excel and CSV.
 */
export function DownloadMenu({
  url,
  excelLabel,
  csvItems,
  json = true,
}: {
  url: (format: DownloadFormat) => string;
  excelLabel?: string;
  csvItems?: MenuProps['items'];
  json?: boolean;
}) {
  const { t } = useI18n();
  const link = (format: DownloadFormat, label: string) => (
    <a href={url(format)} download>
      {label}
    </a>
  );
  const items: MenuProps['items'] = [
    csvItems
      ? { key: 'csv', label: t('campaigns.exportCsv'), children: csvItems }
      : { key: 'csv', label: link('csv', t('units.exportCsv')) },
    ...(json ? [{ key: 'json', label: link('json', t('units.exportJson')) }] : []),
  ];
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} href={url('xlsx')} download>
        {excelLabel ?? t('units.exportExcel')}
      </Button>
      <Dropdown trigger={['click']} placement="bottomRight" menu={{ items }}>
        <Button icon={<DownOutlined />} aria-label={t('units.exportOther')} />
      </Dropdown>
    </Space.Compact>
  );
}
