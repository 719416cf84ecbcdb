package io.channelmind.profile.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.channelmind.profile.rule.Token.Kind;

/** Splits a rule into tokens; the last token is always {@link Kind#END}. */
final class RuleLexer {

    private static final String ANY_TOKEN =
            "a field, a comparison operator, a literal, 'and', 'or', 'not', a parenthesis or a comma";
    private static final String DURATION = "a whole number followed by d (days), h (hours) or w (weeks), such as 90d";

    private final String source;
    private int index;

    private RuleLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new RuleLexer(source).readAll();
    }

    private List<Token> readAll() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= source.length()) {
                tokens.add(new Token(Kind.END, "", source.length(), null));
                return tokens;
            }
            tokens.add(readToken());
        }
    }

    private Token readToken() {
        char current = source.charAt(index);
        int start = index;
        if (current == '(') {
            index++;
            return new Token(Kind.LEFT_PAREN, "(", start, null);
        }
        if (current == ')') {
            index++;
            return new Token(Kind.RIGHT_PAREN, ")", start, null);
        }
        if (current == ',') {
            index++;
            return new Token(Kind.COMMA, ",", start, null);
        }
        if (current == '=' || current == '!' || current == '<' || current == '>') {
            return readOperator(start);
        }
        if (current == '\'' || current == '"') {
            return readString(start, current);
        }
        if (Character.isDigit(current) || ((current == '-' || current == '+' || current == '.') && nextIsDigit())) {
            return readNumber(start);
        }
        if (Character.isLetter(current) || current == '_') {
            return readWord(start);
        }
        throw new InvalidRuleException(start, "'" + current + "'", ANY_TOKEN);
    }

    private Token readOperator(int start) {
        char first = source.charAt(index++);
        boolean equalsFollows = index < source.length() && source.charAt(index) == '=';
        if (first == '!' && !equalsFollows) {
            throw new InvalidRuleException(start, "'!'", "'!=' (the rule language writes negation as 'not')");
        }
        if (equalsFollows && first != '=') {
            index++;
        }
        String symbol = source.substring(start, index);
        return new Token(Kind.OPERATOR, symbol, start, Operator.fromSymbol(symbol).orElseThrow());
    }

    private Token readString(int start, char quote) {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < source.length()) {
            char current = source.charAt(index++);
            if (current == quote) {
                return new Token(Kind.STRING, source.substring(start, index), start, value.toString());
            }
            if (current == '\\' && index < source.length()) {
                current = source.charAt(index++);
            }
            value.append(current);
        }
        throw new InvalidRuleException(source.length(), "end of rule",
                "a closing " + quote + " for the string that starts at position " + start);
    }

    private Token readNumber(int start) {
        index++;
        while (index < source.length() && isNumberPart(source.charAt(index))) {
            index++;
        }
        if (index < source.length() && Character.isLetter(source.charAt(index))) {
            return readDuration(start);
        }
        String text = source.substring(start, index);
        try {
            return new Token(Kind.NUMBER, text, start, new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            throw new InvalidRuleException(start, "'" + text + "'", "a number such as 3, -1.5 or 2e3");
        }
    }

    /** Reads a window length: digits and a unit letter, as in {@code 90d}, {@code 12h} or {@code 4w}. */
    private Token readDuration(int start) {
        while (index < source.length() && Character.isLetterOrDigit(source.charAt(index))) {
            index++;
        }
        String text = source.substring(start, index);
        String amount = text.substring(0, text.length() - 1);
        if (!amount.chars().allMatch(Character::isDigit) || amount.length() > 6) {
            throw new InvalidRuleException(start, "'" + text + "'", DURATION);
        }
        long value = Long.parseLong(amount);
        Duration length = switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(value);
            case 'h' -> Duration.ofHours(value);
            case 'w' -> Duration.ofDays(7 * value);
            default -> throw new InvalidRuleException(start, "'" + text + "'", DURATION);
        };
        if (length.isZero()) {
            throw new InvalidRuleException(start, "'" + text + "'", DURATION + ", greater than 0");
        }
        return new Token(Kind.DURATION, text, start, length);
    }

    private boolean isNumberPart(char character) {
        if (Character.isDigit(character) || character == '.' || character == 'e' || character == 'E') {
            return true;
        }
        char previous = source.charAt(index - 1);
        return (character == '-' || character == '+') && (previous == 'e' || previous == 'E');
    }

    private Token readWord(int start) {
        while (index < source.length() && isWordPart(source.charAt(index))) {
            index++;
        }
        String text = source.substring(start, index);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "and" -> new Token(Kind.AND, text, start, null);
            case "or" -> new Token(Kind.OR, text, start, null);
            case "not" -> new Token(Kind.NOT, text, start, null);
            case "true" -> new Token(Kind.BOOLEAN, text, start, Boolean.TRUE);
            case "false" -> new Token(Kind.BOOLEAN, text, start, Boolean.FALSE);
            default -> new Token(Kind.FIELD, text, start, null);
        };
    }

    private static boolean isWordPart(char character) {
        return Character.isLetterOrDigit(character) || character == '_' || character == '.' || character == '-';
    }

    private boolean nextIsDigit() {
        return index + 1 < source.length() && Character.isDigit(source.charAt(index + 1));
    }

    private void skipWhitespace() {
        while (index < source.length() && Character.isWhitespace(source.charAt(index))) {
            index++;
        }
    }
}
