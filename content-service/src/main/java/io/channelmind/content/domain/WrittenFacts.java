package io.channelmind.content.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the facts that copy can state in words as well as in digits. These are discounts (五折,
 * 七五折, 半价, "half price", "20% off"), percentages (三成, 七成五, 百分之三十, 30%, "eight in
 * ten", "8 out of 10") and dates (12月12日, Dec 12, 12/12, 2025-12-12). Counts are Chinese
 * numerals with a measure word (三天, 两件) or English number words ("two days"), and ordinals
 * (第二, "third"), which count as their number. Each fact has a canonical value, so 八折 in a copy
 * matches "20% off" in a brief.
 *
 * A lone 一 or "one" is also the article "a", so it is read as the count 1 only before a unit of
 * time, money or multiple (一天, 一年期, 一倍, "one day", "one-year"). 第一 and "first" are not
 * read as ordinals, because they are more often a ranking or "before the others".
 * NOTE: so 一件 ("an item") and "first" stay unchecked, and "one day" is read as a count even
 * where it means "some day".
 */
final class WrittenFacts {

    /** The kind of a fact, with the noun that a violation uses for it. */
    enum Kind {
        DISCOUNT("discount"), PERCENTAGE("percentage"), DATE("date"), NUMBER("number");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /**
     * One fact in a text.
     *
     * @param text the fact as written, such as 七五折
     * @param value the canonical value: percent off for a discount, percent for a percentage,
     *        month-day or year-month-day for a date, the number for a count
     * @param meaning the value as a reader checks it, such as "25% off"
     */
    record Fact(Kind kind, String text, String value, String meaning, int start, int end) {

        String key() {
            return kind + ":" + value;
        }
    }

    private static final String CN_DIGITS = "零〇一二两三四五六七八九";
    private static final String CN_NUMERAL = "[" + CN_DIGITS + "十百千万]";

    private static final Pattern DATE_CN = Pattern.compile("(\\d{1,2}|[一二三四五六七八九十]{1,3})月(\\d{1,2}|[一二三四五六七八九十]{1,3})[日号]");
    private static final Pattern DATE_EN_MONTH_FIRST = Pattern.compile("\\b([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern DATE_EN_DAY_FIRST = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+([A-Za-z]{3,9})\\b");
    private static final Pattern DATE_ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    /**
     * A month and day with a slash, such as 12/12. It matches only outside a longer run of digits
     * and slashes, so 2025/12/12 and 1/2/3 stay numbers.
     */
    private static final Pattern DATE_SLASH = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?![\\d/])");
    /** A discount in 折: the share of the price paid in tenths, 8折 or 八折 for 80 %, 七五折 for 75 %. */
    private static final Pattern DISCOUNT_ZHE = Pattern.compile("(\\d(?:\\.\\d)?|[一二三四五六七八九][一二三四五六七八九]?)折");
    private static final Pattern HALF_PRICE = Pattern.compile("半价|半價|(?i:\\bhalf[- ]price\\b|\\bhalf off\\b)");
    private static final Pattern PERCENT_OFF = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*[%％]\\s*(?i:off\\b)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*[%％]");
    private static final Pattern PERCENT_CN = Pattern.compile("百分之(\\d+(?:\\.\\d+)?|" + CN_NUMERAL + "+)");
    /**
     * Tenths written as 成, such as 三成 for 30 %, with an optional hundredth digit or 半 (half a
     * tenth): 七成五 for 75 %, 八成半 for 85 %. Not 成 as part of a word such as 成功 or 一成不变. A
     * digit after 成 that starts a count (七成五天) is not read as the hundredth.
     */
    private static final Pattern TENTHS = Pattern.compile("(\\d|[一二三四五六七八九])成(?:([一二三四五六七八九])(?![" + CN_DIGITS
            + "十百千万成折]|小时|分钟|[天日周年月件个次份人元块倍期款张瓶盒位名只岁])|(半)|(?![为功员本交长立熟绩品果就人不]))");
    /** A proportion in English: "eight in ten", "9 in 10", "8 out of 10", "three out of four". */
    private static final Pattern PROPORTION_EN = Pattern.compile("(?i)\\b(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
            + "\\s+(?:in\\s+(10|100|ten|a hundred)|out\\s+of\\s+(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|a hundred))\\b");
    /** A Chinese ordinal of 2 or more, such as 第二 or 第十二; 第一 is left out (see the class note). */
    private static final Pattern ORDINAL_CN = Pattern.compile("第(" + CN_NUMERAL + "+)");
    /** An English ordinal word; "second" only after the, your or each, because it is also the unit of time. */
    private static final Pattern ORDINAL_EN = Pattern.compile("(?i)(?:\\b(?:the|your|each)\\s+(second)|\\b(third|fourth|fifth|sixth"
            + "|seventh|eighth|ninth|tenth|eleventh|twelfth))\\b");
    /** A lone 一 before a unit of time, money or multiple, where it is the count 1 and not the article. */
    private static final Pattern ONE_CN = Pattern.compile("(?<![第" + CN_DIGITS + "十百千万])一(小时|分钟|天|周|个月|年(?!一度|四季)|元|块|倍)");
    /** A lone "one" before a unit of time, where it is the count 1 and not the article. */
    private static final Pattern ONE_EN = Pattern.compile("(?i)\\bone[- ](minute|hour|day|week|month|year)s?\\b");
    /** A Chinese count and its measure word, such as 三天. A lone 一 is not read as a count (see the class note). */
    private static final Pattern COUNT_CN = Pattern.compile(
            "(?<![第" + CN_DIGITS + "十百千万])(" + CN_NUMERAL + "{2,}|[零〇二两三四五六七八九十百千万])"
                    + "(小时|分钟|[天日周年月件个次份人元块倍期款张瓶盒位名只岁])");
    private static final Pattern COUNT_EN = Pattern.compile("(?i)\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
            + "ninety|hundred)(?:-(one|two|three|four|five|six|seven|eight|nine))?\\b");

    private static final Map<String, Integer> ENGLISH_NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
            Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("hundred", 100));
    /** The English ordinal words from "second" on, so that the index plus 2 is the number. */
    private static final List<String> ENGLISH_ORDINALS = List.of("second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december");
    /**
     * The English words that one of the word patterns needs (half, the number words, the
     * ordinals), lower case. A text without any of them as a whole word skips those patterns.
     */
    private static final Set<String> NUMBER_WORDS = numberWords();

    private WrittenFacts() {
    }

    private static Set<String> numberWords() {
        Set<String> words = new HashSet<>(ENGLISH_NUMBERS.keySet());
        words.addAll(ENGLISH_ORDINALS);
        words.add("half");
        return Set.copyOf(words);
    }

    /** Returns the facts in {@code text} in order of position; where two patterns overlap, the first one listed here wins. */
    static List<Fact> find(String text) {
        return find(text, Traits.of(text));
    }

    /**
     * Returns the facts in {@code text}, running only the patterns that {@code traits} allows to
     * match. A skipped pattern would find nothing, so the facts are those of every pattern.
     * NOTE: a new pattern needs its condition in {@link Traits}; a wrong one drops facts silently.
     */
    static List<Fact> find(String text, Traits traits) {
        List<Fact> facts = new ArrayList<>();
        boolean[] usedChars = new boolean[text.length()];
        boolean digitsAndLetters = traits.digit() && traits.latinLetter();
        if (traits.han()) {
            collect(DATE_CN, text, usedChars, facts, m -> date(m.group(), chineseNumber(m.group(1)), chineseNumber(m.group(2))));
        }
        if (traits.digit()) {
            collect(DATE_ISO, text, usedChars, facts, m -> datedYear(m.group(), Integer.parseInt(m.group(1)),
                    date(m.group(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))));
            collect(DATE_SLASH, text, usedChars, facts, m -> slashDate(m.group(), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2))));
        }
        if (digitsAndLetters) {
            collect(DATE_EN_MONTH_FIRST, text, usedChars, facts, m -> date(m.group(), month(m.group(1)), Integer.parseInt(m.group(2))));
            collect(DATE_EN_DAY_FIRST, text, usedChars, facts, m -> date(m.group(), month(m.group(2)), Integer.parseInt(m.group(1))));
        }
        if (traits.han()) {
            collect(DISCOUNT_ZHE, text, usedChars, facts, m -> discount(m.group(), BigDecimal.valueOf(100).subtract(paidPercent(m.group(1)))));
        }
        if (traits.han() || traits.englishNumberWord()) {
            collect(HALF_PRICE, text, usedChars, facts, m -> discount(m.group(), BigDecimal.valueOf(50)));
        }
        if (traits.digit()) {
            collect(PERCENT_OFF, text, usedChars, facts, m -> discount(m.group(), new BigDecimal(m.group(1))));
            collect(PERCENT, text, usedChars, facts, m -> percentage(m.group(), new BigDecimal(m.group(1))));
        }
        if (traits.han()) {
            collect(PERCENT_CN, text, usedChars, facts, m -> percentage(m.group(), number(m.group(1))));
            collect(TENTHS, text, usedChars, facts, m -> percentage(m.group(), tenths(m.group(1), m.group(2), m.group(3) != null)));
        }
        if (traits.digit() || traits.englishNumberWord()) {
            collect(PROPORTION_EN, text, usedChars, facts, m -> proportion(m.group(), m.group(1),
                    m.group(2) != null ? m.group(2) : m.group(3)));
        }
        if (traits.han()) {
            collect(ORDINAL_CN, text, usedChars, facts, m -> ordinal(m.group(), chineseNumber(m.group(1))));
        }
        if (traits.englishNumberWord()) {
            collect(ORDINAL_EN, text, usedChars, facts, m -> ordinal(m.group(), englishOrdinal(m.group(1) != null ? m.group(1) : m.group(2))));
        }
        if (traits.han()) {
            collect(COUNT_CN, text, usedChars, facts, m -> count(m.group(), BigDecimal.valueOf(chineseNumber(m.group(1)))));
            collect(ONE_CN, text, usedChars, facts, m -> count(m.group(), BigDecimal.ONE));
        }
        if (traits.englishNumberWord()) {
            collect(COUNT_EN, text, usedChars, facts, m -> count(m.group(), BigDecimal.valueOf(englishNumber(m.group(1), m.group(2)))));
            collect(ONE_EN, text, usedChars, facts, m -> count(m.group(), BigDecimal.ONE));
        }
        facts.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return facts;
    }

    /**
     * The kinds of characters a text contains, found in one pass so that a pattern that cannot
     * match is not run. Every Chinese pattern needs a character of the CJK Unified
     * Ideographs block (U+4E00 to U+9FFF), such as 月, 折, 成, 第 or a measure word.
     * {@code \d} matches only ASCII digits. Every English word pattern needs one of
     * {@link WrittenFacts#NUMBER_WORDS} as a whole run of ASCII letters, because {@code (?i)}
     * folds only ASCII case and each word is enclosed by word boundaries, a hyphen or white space.
     *
     * @param englishNumberWord some run of ASCII letters is one of {@link WrittenFacts#NUMBER_WORDS}, ignoring case
     */
    record Traits(boolean han, boolean digit, boolean latinLetter, boolean englishNumberWord) {

        /** Traits that let every pattern run, so a test can compare the facts with and without skipping. */
        static final Traits ANY = new Traits(true, true, true, true);

        static Traits of(String text) {
            boolean han = false;
            boolean digit = false;
            boolean latinLetter = false;
            boolean numberWord = false;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (isAsciiLetter(c)) {
                    latinLetter = true;
                    int end = i + 1;
                    while (end < text.length() && isAsciiLetter(text.charAt(end))) {
                        end++;
                    }
                    numberWord = numberWord || NUMBER_WORDS.contains(text.substring(i, end).toLowerCase(Locale.ROOT));
                    i = end;
                    continue;
                }
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c >= '\u4e00' && c <= '\u9fff') {
                    han = true;
                }
                i++;
            }
            return new Traits(han, digit, latinLetter, numberWord);
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }

    /** Returns the text with every fact replaced by spaces, so that a later check of digits skips them. */
    static String blankOut(String text, List<Fact> facts) {
        StringBuilder rest = new StringBuilder(text);
        for (Fact fact : facts) {
            for (int i = fact.start(); i < fact.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        return rest.toString();
    }

    /** Returns a plain decimal without trailing zeros, so that 3.50 and 3.5 compare equal. */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private interface FactReader {
        /** Reads one match; null when the match is no fact, such as "Market 12". */
        Fact read(Matcher match);
    }

    private static void collect(Pattern pattern, String text, boolean[] usedChars, List<Fact> facts, FactReader reader) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (isTaken(usedChars, matcher.start(), matcher.end())) {
                continue;
            }
            Fact fact = reader.read(matcher);
            if (fact == null) {
                continue;
            }
            Fact placed = new Fact(fact.kind(), fact.text(), fact.value(), fact.meaning(), matcher.start(), matcher.end());
            facts.add(placed);
            for (int i = matcher.start(); i < matcher.end(); i++) {
                usedChars[i] = true;
            }
        }
    }

    private static boolean isTaken(boolean[] usedChars, int start, int end) {
        for (int i = start; i < end; i++) {
            if (usedChars[i]) {
                return true;
            }
        }
        return false;
    }

    private static Fact date(String text, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        return new Fact(Kind.DATE, text, month + "-" + day, MONTHS.get(month - 1).substring(0, 1).toUpperCase(Locale.ROOT)
                + MONTHS.get(month - 1).substring(1) + " " + day, 0, 0);
    }

    /**
     * Reads a slash date as month/day, as Chinese and American copy writes it, and as day/month
     * when the first number cannot be a month, as in 25/12.
     * NOTE: 3/4 is read as March 4, even where the reader means 3 April or three quarters.
     */
    private static Fact slashDate(String text, int first, int second) {
        return first <= 12 ? date(text, first, second) : date(text, second, first);
    }

    /** Adds the year to a date's value and meaning, as in 2025-6-30; null stays null. */
    private static Fact datedYear(String text, int year, Fact date) {
        if (date == null) {
            return null;
        }
        return new Fact(Kind.DATE, text, year + "-" + date.value(), date.meaning() + ", " + year, 0, 0);
    }

    private static Fact discount(String text, BigDecimal percentOff) {
        return new Fact(Kind.DISCOUNT, text, plain(percentOff), plain(percentOff) + "% off", 0, 0);
    }

    private static Fact percentage(String text, BigDecimal percent) {
        return new Fact(Kind.PERCENTAGE, text, plain(percent), plain(percent) + "%", 0, 0);
    }

    private static Fact count(String text, BigDecimal number) {
        return new Fact(Kind.NUMBER, text, plain(number), plain(number), 0, 0);
    }

    /** Returns an ordinal as the count of its number; null for 第一 and for no number (see the class note). */
    private static Fact ordinal(String text, int number) {
        return number < 2 ? null : count(text, BigDecimal.valueOf(number));
    }

    /** Returns the percentage of a 成 value: 三 is 30, 七 and 五 is 75, 八 and half is 85. */
    private static BigDecimal tenths(String tenth, String hundredth, boolean half) {
        BigDecimal percent = number(tenth).multiply(BigDecimal.TEN);
        if (hundredth != null) {
            return percent.add(number(hundredth));
        }
        return half ? percent.add(BigDecimal.valueOf(5)) : percent;
    }

    /**
     * Returns "8 out of 10" as the percentage 80, rounded to one decimal ("one in three" is 33.3);
     * null when the part is larger than the whole, as in "3 out of 2".
     */
    private static Fact proportion(String text, String part, String whole) {
        int partValue = wordOrDigits(part);
        int wholeValue = wordOrDigits(whole);
        if (wholeValue == 0 || partValue > wholeValue) {
            return null;
        }
        BigDecimal percent = BigDecimal.valueOf(partValue * 100L).divide(BigDecimal.valueOf(wholeValue), 1, RoundingMode.HALF_UP);
        return percentage(text, percent);
    }

    private static int wordOrDigits(String value) {
        String lower = value.toLowerCase(Locale.ROOT).replace("a hundred", "hundred");
        return Character.isDigit(lower.charAt(0)) ? Integer.parseInt(lower) : ENGLISH_NUMBERS.get(lower);
    }

    private static int englishOrdinal(String word) {
        return ENGLISH_ORDINALS.indexOf(word.toLowerCase(Locale.ROOT)) + 2;
    }

    /** Returns the month 1 to 12 of an English month name or its abbreviation (Dec, Sept), else 0. */
    private static int month(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.size(); i++) {
            String name = MONTHS.get(i);
            if (lower.equals(name) || lower.equals(name.substring(0, 3)) || (i == 8 && lower.equals("sept"))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Returns the share of the price paid, in percent, of a 折 value: 8 or 八 is 80, 8.5 or 八五 is 85. */
    private static BigDecimal paidPercent(String tenths) {
        if (Character.isDigit(tenths.charAt(0))) {
            return new BigDecimal(tenths).multiply(BigDecimal.TEN);
        }
        int first = chineseNumber(tenths.substring(0, 1));
        int second = tenths.length() > 1 ? chineseNumber(tenths.substring(1)) : 0;
        return BigDecimal.valueOf(first * 10L + second);
    }

    private static BigDecimal number(String digitsOrChinese) {
        return Character.isDigit(digitsOrChinese.charAt(0)) ? new BigDecimal(digitsOrChinese)
                : BigDecimal.valueOf(chineseNumber(digitsOrChinese));
    }

    /**
     * Reads a Chinese numeral such as 三, 十二, 两百五十 or 二〇二五. A numeral without 十, 百, 千
     * or 万 is read digit by digit.
     */
    static int chineseNumber(String numeral) {
        if (numeral.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(numeral);
        }
        if (numeral.chars().noneMatch(c -> "十百千万".indexOf(c) >= 0)) {
            int value = 0;
            for (char c : numeral.toCharArray()) {
                value = value * 10 + digit(c);
            }
            return value;
        }
        int total = 0;
        int section = 0;
        int pending = 0;
        for (char c : numeral.toCharArray()) {
            switch (c) {
                case '十' -> {
                    section += (pending == 0 ? 1 : pending) * 10;
                    pending = 0;
                }
                case '百' -> {
                    section += pending * 100;
                    pending = 0;
                }
                case '千' -> {
                    section += pending * 1000;
                    pending = 0;
                }
                case '万' -> {
                    total += (section + pending) * 10_000;
                    section = 0;
                    pending = 0;
                }
                default -> pending = digit(c);
            }
        }
        return total + section + pending;
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> throw new IllegalArgumentException("Not a Chinese digit: " + c);
        };
    }

    private static int englishNumber(String tens, String ones) {
        int value = ENGLISH_NUMBERS.get(tens.toLowerCase(Locale.ROOT));
        return ones == null ? value : value + ENGLISH_NUMBERS.get(ones.toLowerCase(Locale.ROOT));
    }
}
