package io.channelmind.profile.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.channelmind.profile.rule.Token.Kind;

/**
 * Parses the segment rule language (see docs/segments.md) by recursive descent:
 * <pre>
 * expr       := term ("or" term)*
 * term       := factor ("and" factor)*
 * factor     := "not" factor | "(" expr ")" | comparison | window
 * comparison := field op literal
 * window     := ("count" "(" kind | "sum" "(" kind ".value") "," duration ")" op number
 * </pre>
 * Every syntax error is an {@link InvalidRuleException} naming the position, the token found
 * and what the grammar expected there.
 */
public final class RuleParser {

    private static final String FACTOR = "a field, 'not' or '('";
    private static final String OPERATOR = "a comparison operator (=, !=, >, >=, <, <=)";
    /**
     * Maximum nesting of 'not' and '(', which bounds the recursion so that a rule of 5,000
     * opening brackets cannot overflow the stack.
     */
    static final int MAX_NESTING = 64;

    private final List<Token> tokens;
    private int index;
    private int depth;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Rule parse(String source) {
        RuleParser parser = new RuleParser(RuleLexer.tokenize(source));
        Rule rule = parser.expression();
        Token next = parser.peek();
        if (next.kind() != Kind.END) {
            String expected = next.kind() == Kind.RIGHT_PAREN ? "'and', 'or' or end of rule (this ')' closes no '(')"
                    : "'and', 'or' or end of rule";
            throw new InvalidRuleException(next.position(), next.display(), expected);
        }
        return rule;
    }

    private Rule expression() {
        List<Rule> operands = new ArrayList<>();
        operands.add(term());
        while (peek().kind() == Kind.OR) {
            index++;
            operands.add(term());
        }
        return operands.size() == 1 ? operands.get(0) : new Rule.Or(List.copyOf(operands));
    }

    private Rule term() {
        List<Rule> operands = new ArrayList<>();
        operands.add(factor());
        while (peek().kind() == Kind.AND) {
            index++;
            operands.add(factor());
        }
        return operands.size() == 1 ? operands.get(0) : new Rule.And(List.copyOf(operands));
    }

    private Rule factor() {
        Token token = next();
        return switch (token.kind()) {
            case NOT -> nested(token, () -> new Rule.Not(factor()));
            case LEFT_PAREN -> nested(token, () -> parenthesised(token));
            case FIELD -> isAggregate(token) ? windowComparison(token) : comparison(token);
            default -> throw new InvalidRuleException(token.position(), token.display(), FACTOR);
        };
    }

    private Rule nested(Token token, Supplier<Rule> parse) {
        if (++depth > MAX_NESTING) {
            throw new InvalidRuleException(token.position(), token.display(),
                    "a comparison (rules nest 'not' and '(' at most " + MAX_NESTING + " levels deep)");
        }
        Rule rule = parse.get();
        depth--;
        return rule;
    }

    private Rule parenthesised(Token open) {
        Rule inner = expression();
        Token close = next();
        if (close.kind() != Kind.RIGHT_PAREN) {
            throw new InvalidRuleException(close.position(), close.display(),
                    "'and', 'or' or ')' to close the '(' at position " + open.position());
        }
        return inner;
    }

    private Rule comparison(Token fieldToken) {
        Field field = Field.resolve(fieldToken.text())
                .orElseThrow(() -> new InvalidRuleException(fieldToken.position(), fieldToken.display(),
                        fieldToken.text().startsWith(Field.INTEREST_PREFIX) ? Field.KNOWN_INTEREST_LABELS
                                : Field.KNOWN_FIELDS));

        Token operatorToken = next();
        if (operatorToken.kind() != Kind.OPERATOR) {
            throw new InvalidRuleException(operatorToken.position(), operatorToken.display(),
                    OPERATOR + " after '" + field.name() + "'");
        }
        Operator operator = (Operator) operatorToken.value();

        Token literal = next();
        if (!accepts(field.type(), literal.kind())) {
            throw new InvalidRuleException(literal.position(), literal.display(),
                    field.type().description() + " after '" + field.name() + " " + operator.symbol() + "'");
        }
        if (literal.kind() == Kind.BOOLEAN && operator.isOrdering()) {
            throw new InvalidRuleException(operatorToken.position(), operatorToken.display(),
                    "= or != before " + literal.text() + " (true and false have no order)");
        }
        return new Rule.Comparison(field, operator, literal.value());
    }

    private boolean isAggregate(Token token) {
        String name = token.text();
        return (name.equals("count") || name.equals("sum")) && peek().kind() == Kind.LEFT_PAREN;
    }

    /** Parses {@code count(kind, duration) op number} or {@code sum(kind.value, duration) op number}. */
    private Rule windowComparison(Token function) {
        Rule.Aggregate aggregate = function.text().equals("count") ? Rule.Aggregate.COUNT : Rule.Aggregate.SUM;
        index++;
        String suffix = aggregate == Rule.Aggregate.SUM ? ".value" : "";
        String kinds = String.join(", ", Window.KINDS.stream().map(kind -> kind + suffix).toList());

        Token kindToken = next();
        String name = kindToken.text();
        boolean suffixed = name.endsWith(suffix);
        String kind = suffixed ? name.substring(0, name.length() - suffix.length()) : name;
        if (kindToken.kind() != Kind.FIELD || !suffixed || !Window.KINDS.contains(kind)) {
            throw new InvalidRuleException(kindToken.position(), kindToken.display(),
                    "an event kind after '" + function.text() + "(': " + kinds);
        }
        expect(Kind.COMMA, "',' after '" + name + "'");
        Token length = next();
        if (length.kind() != Kind.DURATION) {
            throw new InvalidRuleException(length.position(), length.display(),
                    "a window length such as 90d, 12h or 4w after '" + name + ",'");
        }
        expect(Kind.RIGHT_PAREN, "')' after '" + length.text() + "'");

        String written = function.text() + "(" + name + ", " + length.text() + ")";
        Token operatorToken = next();
        if (operatorToken.kind() != Kind.OPERATOR) {
            throw new InvalidRuleException(operatorToken.position(), operatorToken.display(),
                    OPERATOR + " after '" + written + "'");
        }
        Operator operator = (Operator) operatorToken.value();
        Token literal = next();
        if (literal.kind() != Kind.NUMBER) {
            throw new InvalidRuleException(literal.position(), literal.display(),
                    "a number after '" + written + " " + operator.symbol() + "'");
        }
        Window window = new Window(kind, (Duration) length.value());
        return new Rule.WindowComparison(aggregate, window, operator, (BigDecimal) literal.value());
    }

    private void expect(Kind kind, String expected) {
        Token token = next();
        if (token.kind() != kind) {
            throw new InvalidRuleException(token.position(), token.display(), expected);
        }
    }

    private static boolean accepts(Field.ValueType type, Kind literal) {
        return switch (type) {
            case NUMBER -> literal == Kind.NUMBER;
            case BOOLEAN -> literal == Kind.BOOLEAN;
            case STRING -> literal == Kind.STRING;
            case ANY -> literal == Kind.NUMBER || literal == Kind.STRING || literal == Kind.BOOLEAN;
        };
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }
}
