package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.api.Test;

class AbsoluteClaimsTests {

    @ParameterizedTest
    @ValueSource(strings = {"全网最低价", "国家级品质", "行业第一", "唯一选择", "the best rate", "Our No. 1 card",
            "No.1 in town", "number one bank", "#1 choice", "Guaranteed returns"})
    void claimIsFound(String text) {
        assertEquals(1, AbsoluteClaims.find(text).size());
    }

    @Test
    void longerChineseTermIsReportedAsItself() {
        assertEquals(List.of("最佳"), AbsoluteClaims.find("最佳体验"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Our bestseller is back", "Save 20% this week", "年化收益 3.5%", "No. 12 Main Street"})
    void plainTextHasNoClaim(String text) {
        assertTrue(AbsoluteClaims.find(text).isEmpty());
    }
}
