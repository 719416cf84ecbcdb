package io.channelmind.automation.connector;

import java.util.Optional;

/** Message text for the WeCom and DingTalk robots, which accept {@code text} and {@code markdown}. */
final class RobotMessages {

    private RobotMessages() {
    }

    static Optional<String> checkMsgtype(String connector, String msgtype) {
        if (msgtype.equals("text") || msgtype.equals("markdown")) {
            return Optional.empty();
        }
        return Optional.of(connector + " connector is disabled because automation.connectors." + connector
                + ".msgtype is '" + msgtype + "'; set it to text or markdown");
    }

    /** Returns the subject and text as one content string; markdown puts the subject in a heading. */
    static String content(OutgoingMessage message, String msgtype) {
        if (message.subject() == null || message.subject().isBlank()) {
            return message.text();
        }
        return msgtype.equals("markdown")
                ? "### " + message.subject() + "\n" + message.text()
                : message.subject() + "\n" + message.text();
    }
}
