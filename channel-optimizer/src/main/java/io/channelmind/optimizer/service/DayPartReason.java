package io.channelmind.optimizer.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.DayPartCounts;

/**
 * Writes the sentence that names the part of the day in which an audience responds on a channel,
 * such as "This profile answers sms in the evening: 4 of 5 opens and clicks on sms came between
 * 18:00 and 24:00 in its time zone." Opens, clicks and conversions each count as one response.
 *
 * <p>The part is named only with enough evidence: at least {@link #MIN_RESPONSES} responses on the
 * channel whose part of the day is known, and at least {@link #MIN_SHARE} of them in one part.
 */
final class DayPartReason {

    /** Minimum number of responses on the channel before a part of the day is named. */
    static final long MIN_RESPONSES = 5;

    /** Minimum share of those responses that one part of the day must contain. */
    static final double MIN_SHARE = 0.5;

    /**
     * Part of the day with the maximum number of responses on a channel.
     *
     * @param responses responses in that part
     * @param total     responses on the channel in every part
     * @param kinds     the counts of each kind over every part, which decide the words used
     */
    record PeakPart(DayPart part, long responses, long total, DayPartCounts kinds) {
    }

    /** Wording that names the audience in the sentence. */
    enum Audience {
        PROFILE("This profile answers", "in its time zone", "该客户"),
        MEMBERS("The segment's members answer", "in each member's time zone", "该细分群体的成员");

        private final String english;
        private final String zone;
        private final String chinese;

        Audience(String english, String zone, String chinese) {
            this.english = english;
            this.zone = zone;
            this.chinese = chinese;
        }
    }

    private DayPartReason() {
    }

    /** Returns the peak part, or null when the evidence is below the thresholds. A tie goes to the earlier part. */
    static PeakPart peakPart(Map<DayPart, DayPartCounts> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        DayPartCounts kinds = DayPartCounts.NONE;
        DayPart best = null;
        long bestCount = 0;
        for (DayPart part : DayPart.values()) {
            DayPartCounts counts = parts.getOrDefault(part, DayPartCounts.NONE);
            kinds = kinds.plus(counts);
            if (counts.responses() > bestCount) {
                best = part;
                bestCount = counts.responses();
            }
        }
        long total = kinds.responses();
        if (total < MIN_RESPONSES || bestCount < MIN_SHARE * total) {
            return null;
        }
        return new PeakPart(best, bestCount, total, kinds);
    }

    static String english(PeakPart peak, String channel, Audience audience) {
        return audience.english + " " + channel + " in the " + peak.part().id() + ": " + count(peak.responses())
                + " of " + count(peak.total()) + " " + kindsEnglish(peak.kinds()) + " on " + channel
                + " came between " + hours(peak.part(), " and ") + " " + audience.zone + ".";
    }

    static String chinese(PeakPart peak, String channel, Audience audience) {
        return audience.chinese + "多在" + peak.part().chinese() + "（当地时间 " + hours(peak.part(), "–") + "）响应 "
                + channel + "：" + channel + " 上的 " + count(peak.total()) + " 次" + kindsChinese(peak.kinds())
                + "中有 " + count(peak.responses()) + " 次在此时段。";
    }

    private static String kindsEnglish(DayPartCounts kinds) {
        return kinds(kinds, new String[] {"opens", "clicks", "conversions"}, ", ", " and ");
    }

    private static String kindsChinese(DayPartCounts kinds) {
        return kinds(kinds, new String[] {"打开", "点击", "转化"}, "、", "和");
    }

    // Names the kinds with a count above 0, in the order opens, clicks, conversions.
    private static String kinds(DayPartCounts kinds, String[] words, String comma, String lastJoin) {
        long[] counts = {kinds.opens(), kinds.clicks(), kinds.conversions()};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                names.add(words[i]);
            }
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(comma, names.subList(0, names.size() - 1)) + lastJoin + names.get(names.size() - 1);
    }

    private static String hours(DayPart part, String separator) {
        int start = part.ordinal() * 6;
        return String.format(Locale.ROOT, "%02d:00%s%02d:00", start, separator, start + 6);
    }

    private static String count(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
