import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { query } from '../../api/client';
import { campaignPath } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';

/** Downloads the ranking on screen (same period, level and street) as Excel, CSV or JSON. */
export function RankingExportButton({
  campaignCode,
  period,
  level,
  street,
}: {
  campaignCode: string;
  period: string;
  level: 'unit' | 'street';
  street?: string;
}) {
  const { t } = useI18n();
  const url = (format: 'xlsx' | 'csv' | 'json') =>
    `${campaignPath(campaignCode)}/ranking/export${query({ period, level, street, format })}`;
  return (
    <Space.Compact>
      <Button icon={<DownloadOutlined />} href={url('xlsx')} download>
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
                <a href={url('csv')} download>
                  {t('units.exportCsv')}
                </a>
              ),
            },
            {
              key: 'json',
              label: (
                <a href={url('json')} download>
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
