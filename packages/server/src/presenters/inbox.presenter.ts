import type { InboxView } from '../contracts/inbox';
import type { Inbox } from '../services/inbox.service';

/** The inbox as the web app reads it. */
export function presentInbox(inbox: Inbox): InboxView {
  return {
    items: inbox.items.map((i) => ({
      key: i.key,
      kind: i.kind,
      campaignCode: i.campaignCode,
      ref: i.ref,
      title: i.title,
      level: i.level === 'yellow' || i.level === 'red' ? i.level : null,
      unitCode: i.unitCode,
      unitName: i.unitName,
      due: i.due,
      daysLeft: i.daysLeft,
      at: i.at,
      link: i.link,
      read: i.read,
    })),
    total: inbox.items.length,
    unread: inbox.unread,
    today: inbox.today,
  };
}
