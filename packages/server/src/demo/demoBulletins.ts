import { chinaDate, monthKey } from '@wuxing/core';
import { generateBulletin, issueBulletin } from '../services/bulletin.service';
import type { ServiceContext } from '../services/context';
import { DEMO_CAMPAIGN } from './demoCampaign';

/**
 * Demo 月度通报 of WX2023: the month before the latest month with ledger entries (December's observation round
 * is still open, so November is the latest full month) is generated and issued early in the month after it, as
 * the district would have; the latest month is left as a draft to edit. Two generations: fast.
 */
export async function seedDemoBulletins(sys: ServiceContext): Promise<void> {
  const campaign = await sys.repos.campaigns.findByCode(DEMO_CAMPAIGN.code);
  if (!campaign) return;
  const latest = await sys.repos.bulletins.latestScoredMonth(campaign.id);
  if (!latest) return;
  const year = Number(latest.slice(0, 4));
  const month = Number(latest.slice(5, 7));
  if (month > 1) {
    const full = monthKey(year, month - 1);
    // Issued on the 5th of the month after, 10:00 China time.
    const issuedAt = new Date(Date.UTC(year, month - 1, 5, 2)).toISOString();
    if (chinaDate(issuedAt) <= chinaDate(sys.now)) {
      const at = { ...sys, now: issuedAt };
      const draft = await generateBulletin(at, { campaign: campaign.code, month: full });
      await issueBulletin(at, draft.row.id, { version: draft.row.version });
    }
  }
  await generateBulletin(sys, { campaign: campaign.code, month: latest });
}
