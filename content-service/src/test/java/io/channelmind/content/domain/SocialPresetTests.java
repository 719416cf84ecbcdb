package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SocialPresetTests {

    @Test
    void channelNamePicksPreset() {
        assertEquals(SocialPreset.WECHAT, SocialPreset.forChannel("WeChat"));
        assertEquals(SocialPreset.WEIBO, SocialPreset.forChannel("weibo"));
        assertEquals(SocialPreset.GENERIC, SocialPreset.forChannel("mastodon"));
    }

    @Test
    void weiboAcceptsEnclosedTopics() {
        String post = "#春季理财# 稳盈储蓄 存款年化3.5% https://bank.example/w #储蓄#";

        assertEquals(List.of(), SocialPreset.WEIBO.violations(post));
    }

    @Test
    void weiboRejectsOpenHashtag() {
        List<String> violations = SocialPreset.WEIBO.violations("稳盈储蓄 #理财 存款年化3.5%");

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("#topic#"), violations.get(0));
    }

    @Test
    void weiboRejectsTooManyTopics() {
        List<String> violations = SocialPreset.WEIBO.violations("#一# #二# #三# #四# 稳盈储蓄");

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("4 topics"), violations.get(0));
    }

    @Test
    void weiboCountsLengthIn140() {
        assertEquals(List.of(), SocialPreset.WEIBO.violations("好".repeat(140)));
        assertEquals(1, SocialPreset.WEIBO.violations("好".repeat(141)).size());
    }

    @Test
    void wechatRejectsHashtag() {
        List<String> violations = SocialPreset.WECHAT.violations("Aurora Savings #savings");

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("no hashtags"), violations.get(0));
    }

    @Test
    void genericCountsHashtagsButNotLinkFragments() {
        String post = "Aurora Savings #savings #bank https://bank.example/a#offer";

        assertEquals(List.of(), SocialPreset.GENERIC.violations(post));
        assertEquals(1, SocialPreset.GENERIC.violations("#a #b #c #d Aurora").size());
    }

    @Test
    void secondLinkIsRejected() {
        List<String> violations = SocialPreset.GENERIC.violations("See https://a.example and https://b.example");

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("2 links"), violations.get(0));
    }
}
