import { DownloadMenu } from '../../components/DownloadMenu';
import { campaignPath } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';

/** The sheets of a campaign workbook, in order; CSV exports one file per sheet. */
export const WORKBOOK_SHEETS = ['方案', '单位', '星', '板块', '创建目标', '指标', '得分', '加分'] as const;

/** The whole campaign as a workbook: Excel, JSON, or one CSV per sheet. Plain links: the browser downloads. */
export function CampaignExportButton({ code }: { code: string }) {
  const { t } = useI18n();
  const url = (format: 'xlsx' | 'csv' | 'json', sheet?: string) =>
    `${campaignPath(code)}/export?format=${format}${sheet ? `&sheet=${encodeURIComponent(sheet)}` : ''}`;
  return (
    <DownloadMenu
      url={url}
      excelLabel={t('campaigns.exportExcel')}
      csvItems={WORKBOOK_SHEETS.map((sheet) => ({
        key: `csv-${sheet}`,
        label: (
          <a href={url('csv', sheet)} download>
            {t('campaigns.exportCsvSheet', { sheet: t(`sheet.${sheet}`) })}
          </a>
        ),
      }))}
    />
  );
}
