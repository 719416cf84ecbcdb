package io.channelmind.optimizer.service;

import java.util.Locale;
import java.util.Map;

import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.DayPart;
import io.channelmind.optimizer.domain.ScoredChannel;

/**
 * Writes the reason of a bandit recommendation in English and Simplified Chinese, for example
 * "sms has the highest sampled response rate. Predicted response on sms is 12.0%, 3.0× the 4.0%
 * of segment 'young'. This profile converted on 2 of 3 contacts on sms. This profile answers sms
 * in the evening: 4 of 5 conversions on sms came between 18:00 and 24:00 in its time zone."
 *
 * <p>The part of the day is named only with enough evidence: at least
 * {@link #MIN_DAY_PART_CONVERSIONS} conversions on the channel whose part of the day is known, and
 * at least half of them ({@link #MIN_DAY_PART_SHARE}) in one part.
 *
 * <p>NOTE: only conversions count toward the part of the day. Opens and clicks are published on
 * {@code cm.delivery-status}, which this service does not consume.
 */
final class BanditReason {

    /** Minimum number of conversions on the channel before the reason names a part of the day. */
    static final long MIN_DAY_PART_CONVERSIONS = 5;

    /** Minimum share of those conversions that one part of the day must contain. */
    static final double MIN_DAY_PART_SHARE = 0.5;

    /** Part of the day with the maximum number of the audience's conversions on a channel. */
    record PeakPart(DayPart part, long conversions, long total) {
    }

    private final BanditInput input;
    private final ScoredChannel winner;
    private final boolean explore;

    BanditReason(BanditInput input, ScoredChannel winner, boolean explore) {
        this.input = input;
        this.winner = winner;
        this.explore = explore;
    }

    String english() {
        String channel = winner.channel();
        StringBuilder text = new StringBuilder();
        if (explore) {
            text.append(channel).append(" was chosen to explore: ").append(percent(input.explorationShare()))
                    .append(" of recommendations try a random candidate, so every channel keeps gathering evidence. ");
        } else {
            text.append(channel).append(" has the highest sampled response rate. ");
        }
        text.append("Predicted response on ").append(channel).append(" is ").append(percent(winner.predictedResponse()));
        if (winner.referenceRate() != null && winner.referenceRate() > 0) {
            text.append(", ").append(times(winner.predictedResponse() / winner.referenceRate())).append(" the ")
                    .append(percent(winner.referenceRate())).append(" of ").append(referenceEnglish());
        }
        text.append(winner.predictionSource().equals(ScoredChannel.SOURCE_MODEL)
                ? " (response model)" : " (channel history, no response model covers it)");
        text.append(". ");
        String audience = input.profileKey() != null ? "This profile" : "The segment's members";
        if (winner.contacts() == 0 && winner.conversions() == 0) {
            text.append(audience).append(input.profileKey() != null ? " has" : " have")
                    .append(" not been contacted on ").append(channel).append(" yet.");
        } else {
            text.append(audience).append(" converted on ").append(count(winner.conversions())).append(" of ")
                    .append(count(winner.contacts())).append(" contacts on ").append(channel).append('.');
        }
        PeakPart peak = peakPart(input, channel);
        if (peak != null) {
            DayPart part = peak.part();
            text.append(' ').append(audience).append(input.profileKey() != null ? " answers " : " answer ")
                    .append(channel).append(" in the ").append(part.id()).append(": ").append(count(peak.conversions()))
                    .append(" of ").append(count(peak.total())).append(" conversions on ").append(channel)
                    .append(" came between ").append(hours(part)).append(input.profileKey() != null
                            ? " in its time zone." : " in each member's time zone.");
        }
        return text.toString();
    }

    String chinese() {
        String channel = winner.channel();
        StringBuilder text = new StringBuilder();
        if (explore) {
            text.append("选择 ").append(channel).append(" 用于探索：").append(percent(input.explorationShare()))
                    .append(" 的推荐随机尝试一个候选渠道，使每个渠道持续积累数据。");
        } else {
            text.append(channel).append(" 的抽样响应率最高。");
        }
        text.append("预测 ").append(channel).append(" 的响应率为 ").append(percent(winner.predictedResponse()));
        if (winner.referenceRate() != null && winner.referenceRate() > 0) {
            text.append("，是").append(referenceChinese()).append("（").append(percent(winner.referenceRate()))
                    .append("）的 ").append(String.format(Locale.ROOT, "%.1f", winner.predictedResponse()
                            / winner.referenceRate())).append(" 倍");
        }
        text.append(winner.predictionSource().equals(ScoredChannel.SOURCE_MODEL) ? "（响应模型）" : "（渠道历史，响应模型未覆盖该渠道）");
        text.append("。");
        String audience = input.profileKey() != null ? "该客户" : "该细分群体的成员";
        if (winner.contacts() == 0 && winner.conversions() == 0) {
            text.append(audience).append("尚未在 ").append(channel).append(" 上被触达。");
        } else {
            text.append(audience).append("在 ").append(channel).append(" 上的 ").append(count(winner.contacts()))
                    .append(" 次触达中转化 ").append(count(winner.conversions())).append(" 次。");
        }
        PeakPart peak = peakPart(input, channel);
        if (peak != null) {
            text.append(audience).append("多在").append(peak.part().chinese()).append("（当地时间 ")
                    .append(hours(peak.part()).replace(" and ", "–")).append("）响应 ").append(channel).append("：")
                    .append(channel).append(" 上的 ").append(count(peak.total())).append(" 次转化中有 ")
                    .append(count(peak.conversions())).append(" 次在此时段。");
        }
        return text.toString();
    }

    /**
     * Returns the part of the day with most of the audience's conversions on the channel, or null
     * when the evidence is below the thresholds. A tie goes to the earlier part.
     */
    static PeakPart peakPart(BanditInput input, String channel) {
        Map<DayPart, Long> parts = input.audienceDayParts() == null ? null : input.audienceDayParts().get(channel);
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        long total = parts.values().stream().mapToLong(Long::longValue).sum();
        DayPart best = null;
        long bestCount = 0;
        for (DayPart part : DayPart.values()) {
            long conversions = parts.getOrDefault(part, 0L);
            if (conversions > bestCount) {
                best = part;
                bestCount = conversions;
            }
        }
        if (total < MIN_DAY_PART_CONVERSIONS || bestCount < MIN_DAY_PART_SHARE * total) {
            return null;
        }
        return new PeakPart(best, bestCount, total);
    }

    private static String hours(DayPart part) {
        int start = part.ordinal() * 6;
        return String.format(Locale.ROOT, "%02d:00 and %02d:00", start, start + 6);
    }

    private String referenceEnglish() {
        return segmentIsReference() ? "segment '" + input.segment() + "'" : "all profiles";
    }

    private String referenceChinese() {
        return segmentIsReference() ? "细分群体“" + input.segment() + "”" : "全部客户";
    }

    private boolean segmentIsReference() {
        return ChannelRecommendation.BASIS_SEGMENT_MEMBERS.equals(input.referenceBasis());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100.0);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }

    private static String count(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
