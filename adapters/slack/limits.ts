/**
 * Slack's published message limits that the renderer enforces itself: neither Bolt nor the Web
 * API trims a message, and Slack rejects the whole message (`invalid_blocks`, `msg_too_long`)
 * when one field is over.
 */
export const SLACK_LIMITS = Object.freeze({
  blocksPerMessage: 50,
  /** Any text object: section text, context element. */
  textObject: 3000,
  /** Top-level `text`, the notification and fallback. */
  messageText: 40_000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionValue: 2000,
  actionId: 255,
  /**
   * Largest request body taken in HTTP mode. Not a Slack limit: the biggest payloads, button
   * clicks carrying their 50-block message, stay well under it.
   */
  requestBody: 1024 * 1024,
});
