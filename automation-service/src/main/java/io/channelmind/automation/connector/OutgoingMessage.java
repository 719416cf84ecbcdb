package io.channelmind.automation.connector;

/**
 * One message for a connector, with placeholders already filled.
 *
 * @param key     idempotency key of the send
 * @param to      recipient address in the channel's format (E.164 phone number for SMS); null
 *                for channels that post to a group or a webhook
 * @param subject title for formats that have one (DingTalk markdown, generic webhook); may be null
 * @param text    message body
 */
public record OutgoingMessage(SendKey key, String to, String subject, String text) {
}
