package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RestrictedTermsTests {

    private final RestrictedTerms terms = RestrictedTerms.defaults();

    @ParameterizedTest
    @CsvSource({"全网最低价, 全网最低", "国家级品质, 国家级", "最高级享受, 最高级", "行业第一, 第一", "唯一选择, 唯一",
            "顶级服务, 顶级", "极品茶叶, 极品", "最受欢迎, 最", "最多人选择, 最", "the best rate, best",
            "Our No. 1 card, no. 1", "No.1 in town, no.1", "number one bank, number one", "#1 choice, #1",
            "Guaranteed approval, guaranteed", "BEST deal, best"})
    void claimIsCaught(String text, String term) {
        assertEquals(List.of(term), terms.find(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"最近上新", "最后三天", "最终解释权归本行所有", "第一次开户", "最低消费100元", "Our bestseller is back",
            "Save 20% this week", "年化收益 3.5%", "No. 12 Main Street", "guaranteeing nothing"})
    void plainTextPasses(String text) {
        assertEquals(List.of(), terms.find(text));
    }

    @Test
    void hyphenDoesNotHideBest() {
        // "best-known" still claims a rank, so a hyphen ends the word like a space.
        assertEquals(List.of("best"), terms.find("the best-known bank"));
    }

    @Test
    void exceptionWordDoesNotHideLaterClaim() {
        assertEquals(List.of("最"), terms.find("最近推出最受欢迎的产品"));
    }

    @Test
    void longerTermIsReportedAsItself() {
        assertEquals(List.of("最佳"), terms.find("最佳体验"));
    }

    @Test
    void industriesComeFromDictionary() {
        assertEquals(Set.of("finance", "education"), terms.industries());
    }

    @ParameterizedTest
    @CsvSource({"finance, 保本理财, 保本", "finance, 稳赚不赔, 稳赚", "finance, Guaranteed returns of 5%, guaranteed returns",
            "finance, A risk-free deposit, risk-free", "education, 考研保过班, 保过", "education, 包录取, 包录取",
            "education, guaranteed admission to top schools, guaranteed admission",
            "education, Guaranteed  scores, guaranteed  scores"})
    void industryTermIsCaught(String industry, String text, String term) {
        assertEquals(List.of(term), terms.findForIndustry(industry, text));
    }

    @ParameterizedTest
    @CsvSource({"finance, 存款年化3.5%", "finance, Returns of 3.5% a year", "education, 考研辅导班", "education, Admission advice"})
    void industryTextPasses(String industry, String text) {
        assertEquals(List.of(), terms.findForIndustry(industry, text));
    }

    @Test
    void industryTermsApplyOnlyToTheirIndustry() {
        assertEquals(List.of(), terms.findForIndustry("education", "保本理财"));
        assertEquals(List.of(), terms.findForIndustry(null, "保本理财"));
    }

    @Test
    void parsedDictionaryHonoursSectionsAndExceptions() {
        RestrictedTerms custom = RestrictedTerms.parse(List.of("# comment", "[general]", "超值", "[travel]", "包机票",
                "[exceptions]", "超值卡"));

        assertEquals(List.of("超值"), custom.find("超值优惠"));
        assertEquals(List.of(), custom.find("超值卡上新"));
        assertEquals(List.of("包机票"), custom.findForIndustry("travel", "包机票套餐"));
    }
}
