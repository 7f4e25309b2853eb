import { query } from '../../api/client';
import { campaignPath } from '../../hooks/useCampaigns';
import { DownloadMenu } from '../DownloadMenu';

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
  return (
    <DownloadMenu
      url={(format) =>
        `${campaignPath(campaignCode)}/ranking/export${query({ period, level, street, format })}`
      }
    />
  );
}
