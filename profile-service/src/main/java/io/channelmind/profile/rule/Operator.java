package io.channelmind.profile.rule;

import java.util.Arrays;
import java.util.Optional;

/** A comparison operator of the rule language. */
public enum Operator {
    EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    static Optional<Operator> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(operator -> operator.symbol.equals(symbol)).findFirst();
    }

    /** Applies the operator to the result of a {@code compareTo} between the field value and the literal. */
    boolean test(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
        };
    }
}
