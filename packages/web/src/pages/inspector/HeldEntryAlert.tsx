import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { discardEntry, retryEntry } from '../../offline/engine';
import type { QueueEntry } from '../../offline/queue';

/** What the alert says, in the page's words. */
export interface HeldEntryLabels {
  refused: string;
  retry: string;
  backToDraft: string;
  queued: string;
  queuedOffline: string;
  pending: string;
}

/**
 * A submission waiting in the offline queue: refused by the server (retry it, or take it back into the draft),
 * or queued until the network returns. Shared by the inspector's sheet and the courtyard evaluation.
 */
export function HeldEntryAlert({
  entry,
  online,
  labels,
}: {
  entry: Pick<QueueEntry, 'key' | 'state' | 'lastError'>;
  online: boolean;
  labels: HeldEntryLabels;
}) {
  if (entry.state === 'attention')
    return (
      <Alert
        type="error"
        showIcon
        title={labels.refused}
        description={entry.lastError}
        action={
          <Flex vertical gap={6}>
            <Button size="small" onClick={() => void retryEntry(entry.key)}>
              {labels.retry}
            </Button>
            <Button size="small" danger onClick={() => void discardEntry(entry.key)}>
              {labels.backToDraft}
            </Button>
          </Flex>
        }
      />
    );
  return (
    <Alert
      type="warning"
      showIcon
      icon={<ClockCircleOutlined />}
      title={online ? labels.queued : labels.queuedOffline}
      description={labels.pending}
    />
  );
}
