package io.channelmind.profile.rule;

/**
 * A segment rule that does not follow the grammar. {@code position} is the 0-based character
 * offset of the offending token, {@code token} is its text ("end of rule" past the last
 * character) and {@code expected} describes what the grammar allows there.
 */
public class InvalidRuleException extends RuntimeException {

    private final int position;
    private final String token;
    private final String expected;

    public InvalidRuleException(int position, String token, String expected) {
        super("Expected " + expected + " at position " + position + " but found " + token);
        this.position = position;
        this.token = token;
        this.expected = expected;
    }

    public int position() {
        return position;
    }

    public String token() {
        return token;
    }

    public String expected() {
        return expected;
    }
}
