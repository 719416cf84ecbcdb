package io.channelmind.optimizer.service;

import java.util.Locale;

import io.channelmind.optimizer.domain.ChannelRecommendation;
import io.channelmind.optimizer.domain.ScoredChannel;

/**
 * Writes the reason of a bandit recommendation in English and Simplified Chinese, for example
 * "sms has the highest sampled response rate. Predicted response on sms is 12.0%, 3.0× the 4.0%
 * of segment 'young'. This profile converted on 2 of 3 contacts on sms. This profile answers sms
 * in the evening: 4 of 5 opens, clicks and conversions on sms came between 18:00 and 24:00 in its
 * time zone." The part of the day is named as {@link DayPartReason} decides.
 */
final class BanditReason {

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
        DayPartReason.PeakPart peak = peakPart(input, channel);
        if (peak != null) {
            text.append(' ').append(DayPartReason.english(peak, channel, dayPartAudience()));
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
        DayPartReason.PeakPart peak = peakPart(input, channel);
        if (peak != null) {
            text.append(DayPartReason.chinese(peak, channel, dayPartAudience()));
        }
        return text.toString();
    }

    /** Returns the part of the day with most of the audience's responses on the channel, or null without enough evidence. */
    static DayPartReason.PeakPart peakPart(BanditInput input, String channel) {
        return input.audienceDayParts() == null ? null : DayPartReason.peakPart(input.audienceDayParts().get(channel));
    }

    private DayPartReason.Audience dayPartAudience() {
        return input.profileKey() != null ? DayPartReason.Audience.PROFILE : DayPartReason.Audience.MEMBERS;
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
