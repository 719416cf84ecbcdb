package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardrailsTests {

    private static final BrandRule ACME = new BrandRule("acme-bank", List.of("cheap", "免费"), "理财有风险，投资需谨慎");

    private static List<String> reasons(List<GuardrailFinding> findings) {
        return findings.stream().map(GuardrailFinding::reason).toList();
    }

    @Nested
    class RestrictedTermCheck {

        @Test
        void absoluteClaimHasItsReason() {
            assertEquals(List.of(AbsoluteClaims.REASON), reasons(Guardrails.restrictedTerms(null, "全网最佳利率")));
            assertEquals(List.of(AbsoluteClaims.REASON), reasons(Guardrails.restrictedTerms(null, "The best rate")));
        }

        @Test
        void industryTermHasItsReason() {
            assertEquals(List.of(Guardrails.INDUSTRY_TERM), reasons(Guardrails.restrictedTerms("finance", "稳赚理财")));
            assertEquals(List.of(Guardrails.INDUSTRY_TERM),
                    reasons(Guardrails.restrictedTerms("education", "Guaranteed admission")).subList(1, 2));
        }

        @Test
        void plainCopyPasses() {
            assertEquals(List.of(), Guardrails.restrictedTerms("finance", "稳盈储蓄，存款年化3.5%"));
            assertEquals(List.of(), Guardrails.restrictedTerms("finance", "Aurora Savings pays 3.5% a year"));
        }
    }

    @Nested
    class BrandRuleCheck {

        @Test
        void bannedWordIsCaughtInBothLanguages() {
            assertEquals(List.of(Guardrails.BRAND_BANNED_WORD),
                    reasons(Guardrails.brandRules(ACME, "免费开户。理财有风险，投资需谨慎")));
            assertEquals(List.of(Guardrails.BRAND_BANNED_WORD),
                    reasons(Guardrails.brandRules(ACME, "A CHEAP loan. 理财有风险，投资需谨慎")));
        }

        @Test
        void missingDisclaimerIsCaught() {
            List<GuardrailFinding> findings = Guardrails.brandRules(ACME, "稳盈储蓄，存款年化3.5%");

            assertEquals(List.of(Guardrails.BRAND_DISCLAIMER), reasons(findings));
            assertTrue(findings.get(0).message().contains("理财有风险，投资需谨慎"), findings.get(0).message());
        }

        @Test
        void compliantCopyPasses() {
            assertEquals(List.of(), Guardrails.brandRules(ACME, "稳盈储蓄，存款年化3.5%。理财有风险，投资需谨慎"));
            assertEquals(List.of(), Guardrails.brandRules(null, "anything cheap"));
        }
    }

    @Nested
    class ContactDetailCheck {

        @ParameterizedTest
        @ValueSource(strings = {"Write to anna.li@example.com today", "请联系 zhang.wei@example.cn", "Call +44 20 7946 0958",
                "Call (555) 010-1234 now", "致电13812345678咨询", "致电 +86 138 1234 5678", "身份证 11010519491231002X"})
        void contactDetailIsCaught(String text) {
            assertEquals(List.of(Guardrails.PERSONAL_DATA), reasons(Guardrails.contactDetails(text)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Offer ends 2025-06-30", "活动截至2025/06/30", "Save 30% on 2 cards", "年化3.5%，起存1,000元",
                "Open: https://bank.example/offers/20250630123456", "Hi {{firstName}}, 您好"})
        void ordinaryTextPasses(String text) {
            assertEquals(List.of(), Guardrails.contactDetails(text));
        }
    }

    @Nested
    class GroundingCheck {

        private final CopyBrief brief = new CopyBrief("Aurora Card", "30% off the annual fee until 2025-06-30", "Apply",
                "https://bank.example/aurora");
        private final CopyBrief chineseBrief = new CopyBrief("极光信用卡", "年费7折，活动截至2025年6月30日", "立即申请",
                "https://bank.example/aurora");

        @Test
        void inventedDiscountIsRejected() {
            List<GuardrailFinding> findings = Guardrails.grounding(brief, "50% off the annual fee until 2025-06-30");

            assertEquals(List.of(Guardrails.UNGROUNDED), reasons(findings));
            assertTrue(findings.get(0).message().contains("50"), findings.get(0).message());
        }

        @Test
        void inventedDateIsRejected() {
            List<GuardrailFinding> findings = Guardrails.grounding(brief, "30% off until 2025-07-15");

            assertEquals(List.of(Guardrails.UNGROUNDED), reasons(findings));
            assertTrue(findings.get(0).message().contains("the date 2025-07-15 (July 15, 2025)"), findings.get(0).message());
        }

        @Test
        void inventedYearIsRejected() {
            assertEquals(List.of(Guardrails.UNGROUNDED), reasons(Guardrails.grounding(brief, "30% off until 2026-06-30")));
            assertEquals(List.of(), Guardrails.grounding(brief, "30% off until 6月30日"));
        }

        @Test
        void briefFactsPass() {
            assertEquals(List.of(), Guardrails.grounding(brief,
                    "Aurora Card: 30% off the annual fee until 2025-06-30. Apply: https://bank.example/aurora"));
        }

        @Test
        void chineseCopyIsCheckedToo() {
            assertEquals(List.of(), Guardrails.grounding(chineseBrief, "极光信用卡年费7折，截至2025年6月30日"));
            assertEquals(List.of(Guardrails.UNGROUNDED), reasons(Guardrails.grounding(chineseBrief, "极光信用卡年费5折")));
        }

        @Test
        void foreignLinkIsRejected() {
            assertEquals(List.of(Guardrails.UNGROUNDED),
                    reasons(Guardrails.grounding(brief, "Apply: https://phish.example/aurora")));
        }
    }
}
