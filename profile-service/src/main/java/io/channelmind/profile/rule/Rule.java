package io.channelmind.profile.rule;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.channelmind.profile.domain.Profile;

/** A parsed segment rule: a boolean expression over one profile. */
public sealed interface Rule {

    boolean matches(Profile profile, Evaluation evaluation);

    /** Returns the event windows the rule reads, which the caller loads into the {@link Evaluation}. */
    Set<Window> windows();

    /**
     * Returns true when the rule reads a counter or rate that {@code cm.deliveries} changes, so a
     * delivery batch must evaluate it again for the profiles it touches.
     */
    boolean readsDeliveries();

    /** True when any operand matches. */
    record Or(List<Rule> operands) implements Rule {
        @Override
        public boolean matches(Profile profile, Evaluation evaluation) {
            return operands.stream().anyMatch(operand -> operand.matches(profile, evaluation));
        }

        @Override
        public Set<Window> windows() {
            return windowsOf(operands);
        }

        @Override
        public boolean readsDeliveries() {
            return operands.stream().anyMatch(Rule::readsDeliveries);
        }
    }

    /** True when every operand matches. */
    record And(List<Rule> operands) implements Rule {
        @Override
        public boolean matches(Profile profile, Evaluation evaluation) {
            return operands.stream().allMatch(operand -> operand.matches(profile, evaluation));
        }

        @Override
        public Set<Window> windows() {
            return windowsOf(operands);
        }

        @Override
        public boolean readsDeliveries() {
            return operands.stream().anyMatch(Rule::readsDeliveries);
        }
    }

    record Not(Rule operand) implements Rule {
        @Override
        public boolean matches(Profile profile, Evaluation evaluation) {
            return !operand.matches(profile, evaluation);
        }

        @Override
        public Set<Window> windows() {
            return operand.windows();
        }

        @Override
        public boolean readsDeliveries() {
            return operand.readsDeliveries();
        }
    }

    /**
     * Compares a field with a literal. A missing value, or one that cannot be compared with the
     * literal (the text 'abc' against a number), satisfies only {@code !=}.
     */
    record Comparison(Field field, Operator operator, Object literal) implements Rule {
        @Override
        public boolean matches(Profile profile, Evaluation evaluation) {
            Object actual = field.reader().apply(profile, evaluation);
            Integer comparison = actual == null ? null : Values.compare(actual, literal);
            if (comparison == null) {
                return operator == Operator.NE;
            }
            return operator.test(comparison);
        }

        @Override
        public Set<Window> windows() {
            return Set.of();
        }

        @Override
        public boolean readsDeliveries() {
            return field.fromDeliveries();
        }
    }

    /** Compares the count of a window's events, or the sum of their values, with a number. */
    record WindowComparison(Aggregate aggregate, Window window, Operator operator, BigDecimal literal)
            implements Rule {
        @Override
        public boolean matches(Profile profile, Evaluation evaluation) {
            WindowTotals totals = evaluation.totals(window);
            BigDecimal actual = aggregate == Aggregate.COUNT ? BigDecimal.valueOf(totals.count()) : totals.sum();
            return operator.test(actual.compareTo(literal));
        }

        @Override
        public Set<Window> windows() {
            return Set.of(window);
        }

        @Override
        public boolean readsDeliveries() {
            return false;
        }
    }

    /** The aggregate functions over a window: {@code count(kind, 90d)} and {@code sum(kind.value, 90d)}. */
    enum Aggregate {
        COUNT, SUM
    }

    private static Set<Window> windowsOf(List<Rule> operands) {
        Set<Window> windows = new HashSet<>();
        operands.forEach(operand -> windows.addAll(operand.windows()));
        return Set.copyOf(windows);
    }
}
