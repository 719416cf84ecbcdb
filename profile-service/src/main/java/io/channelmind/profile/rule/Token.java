package io.channelmind.profile.rule;

/**
 * One lexical token of a rule: its kind, the text as written, its 0-based position and, for
 * literals, the parsed value (a {@link java.math.BigDecimal}, an unescaped {@link String}, a
 * {@link Boolean} or, for a window length such as {@code 90d}, a {@link java.time.Duration}).
 */
record Token(Kind kind, String text, int position, Object value) {

    enum Kind {
        FIELD, NUMBER, DURATION, STRING, BOOLEAN, AND, OR, NOT, LEFT_PAREN, RIGHT_PAREN, COMMA, OPERATOR, END
    }

    /** Returns the token as error messages show it. */
    String display() {
        return kind == Kind.END ? "end of rule" : "'" + text + "'";
    }
}
