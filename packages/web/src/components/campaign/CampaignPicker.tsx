import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { CampaignSummaryView } from '../../api/types';
import { useI18n } from '../../i18n';

/** Switches the page's campaign (`?campaign=`); hidden while there is only one. */
export function CampaignPicker({
  campaigns,
  chosen,
}: {
  campaigns: readonly CampaignSummaryView[] | undefined;
  chosen: CampaignSummaryView | undefined;
}) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  if (!campaigns || campaigns.length < 2 || !chosen) return null;
  return (
    <Select
      value={chosen.code}
      aria-label={t('campaigns.pick')}
      style={{ minWidth: 200 }}
      popupMatchSelectWidth={false}
      onChange={(code) => {
        const next = new URLSearchParams(params);
        next.set('campaign', code);
        // Periods and months belong to a campaign year: start over in the new one.
        next.delete('period');
        next.delete('month');
        setParams(next);
      }}
      options={campaigns.map((c) => ({ value: c.code, label: c.name }))}
    />
  );
}
