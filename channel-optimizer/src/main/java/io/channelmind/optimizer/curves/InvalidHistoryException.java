package io.channelmind.optimizer.curves;

/** A marketing history that cannot be fitted: the rule it breaks, the field, the value and the fix. */
public class InvalidHistoryException extends IllegalArgumentException {

    private final String rule;
    private final String field;
    private final transient Object value;

    public InvalidHistoryException(String rule, String field, Object value, String fix) {
        super(rule + ": " + field + ": " + fix);
        this.rule = rule;
        this.field = field;
        this.value = value;
    }

    /** Returns the rule's stable name: date-format, period-start, zero-spend, too-little-history or length-mismatch. */
    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
