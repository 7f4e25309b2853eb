import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { DemoTag } from './Brand';

/** A page header's subtitle about the chosen campaign, tagged 示例数据 when it is the demo's; nothing before one is chosen. */
export function CampaignSubtitle<T extends { demo: boolean }>({
  campaign,
  text,
}: {
  campaign: T | null | undefined;
  text: (campaign: T) => ReactNode;
}) {
  if (!campaign) return null;
  return (
    <Flex gap={8} align="center" wrap component="span">
      <span>{text(campaign)}</span>
      {campaign.demo && <DemoTag subtle />}
    </Flex>
  );
}
