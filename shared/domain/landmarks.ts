/**
 * The parts of WhatsApp Web Baton reads. The extension holds the selectors for each
 * (extension/whatsapp/selectors.ts); the coordinator stores the owner's overrides and the
 * devices' health per landmark, keyed by these ids.
 */
export const LANDMARK_IDS = [
  'app',
  'sidePane',
  'chatList',
  'chatRow',
  'rowTitle',
  'rowTime',
  'rowUnread',
  'rowMuted',
  'rowPinned',
  'rowSelected',
  'main',
  'headerTitle',
  'message',
  'messageMeta',
  'compose',
  'sendIcon',
] as const;
export type LandmarkId = (typeof LANDMARK_IDS)[number];

/** Plain words for the owner and the agent: which part of WhatsApp Web a landmark is. */
export const LANDMARK_NAMES: Record<LandmarkId, string> = {
  app: 'the WhatsApp Web page',
  sidePane: 'the side pane',
  chatList: 'the chat list',
  chatRow: 'the rows of the chat list',
  rowTitle: 'the chat names in the list',
  rowTime: 'the times in the chat list',
  rowUnread: 'the unread counts',
  rowMuted: 'the muted icons',
  rowPinned: 'the pinned icons',
  rowSelected: 'which chat is selected',
  main: 'the open conversation',
  headerTitle: "the open chat's name",
  message: 'the messages',
  messageMeta: 'the message times and authors',
  compose: 'the message box',
  sendIcon: 'the send button',
};
