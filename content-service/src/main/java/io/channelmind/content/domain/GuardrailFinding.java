package io.channelmind.content.domain;

/**
 * One guardrail that a copy breaks.
 *
 * @param reason stable reason code, such as {@code personal-data}
 * @param message one English sentence that names the offending text and the fix
 */
public record GuardrailFinding(String reason, String message) {

    /** Returns the finding as a review warning: the reason code, a colon and the message. */
    public String warning() {
        return reason + ": " + message;
    }
}
