import type { webApi } from '@slack/bolt';
import type { SlackMessage } from './render-blocks.js';

/**
 * Posts a reply where everyone in the conversation sees it (a thread, a DM). Link previews are
 * off: a citation's source url would otherwise unfold into a large card under every answer.
 */
export async function postReply(
  client: webApi.WebClient,
  channel: string,
  threadTs: string | undefined,
  message: SlackMessage,
): Promise<void> {
  await client.chat.postMessage({
    channel,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}
