package io.channelmind.profile.rule;

import java.util.List;

import io.channelmind.profile.domain.Profile;

/** A parsed segment rule: a boolean expression over one profile. */
public sealed interface Rule {

    boolean matches(Profile profile);

    /** True when any operand matches. */
    record Or(List<Rule> operands) implements Rule {
        @Override
        public boolean matches(Profile profile) {
            return operands.stream().anyMatch(operand -> operand.matches(profile));
        }
    }

    /** True when every operand matches. */
    record And(List<Rule> operands) implements Rule {
        @Override
        public boolean matches(Profile profile) {
            return operands.stream().allMatch(operand -> operand.matches(profile));
        }
    }

    record Not(Rule operand) implements Rule {
        @Override
        public boolean matches(Profile profile) {
            return !operand.matches(profile);
        }
    }

    /**
     * Compares a field with a literal. A missing value, or one that cannot be compared with the
     * literal (the text 'abc' against a number), satisfies only {@code !=}.
     */
    record Comparison(Field field, Operator operator, Object literal) implements Rule {
        @Override
        public boolean matches(Profile profile) {
            Object actual = field.reader().apply(profile);
            Integer comparison = actual == null ? null : Values.compare(actual, literal);
            if (comparison == null) {
                return operator == Operator.NE;
            }
            return operator.test(comparison);
        }
    }
}
