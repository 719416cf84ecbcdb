package io.channelmind.profile.rule;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "conversions = 0",
        "contacts >= 3 and hasEmail = true",
        "contacts>1 AND conversions<=0",
        "not (conversions > 0 or hasPhone = false)",
        "not not hasEmail = true",
        "conversionValue >= 12.5",
        "conversionValue < -1e3",
        "lastChannel = 'email'",
        "lastChannel != \"sms\"",
        "channel.email.contacts > 2 or channel.sms.conversions >= 1",
        "channel.e-mail.contacts > 0",
        "consent.email = true and consent.sms != false",
        "trait.age >= 40",
        "trait.emp.var.rate < -1.8",
        "trait.job = 'admin.'",
        "trait.vip = true",
        "trait.name = 'O\\'Brien'",
        "trait.城市 = '上海'",
        "((contacts > 1))",
        "count(purchase, 90d) >= 1",
        "sum(purchase.value, 90d) > 1000",
        "count(contact,12h)=0 and sum(return.value, 4w) < 50.5",
        "not count(cancellation, 30d) > 0",
        "interest.outdoor > 0.3",
        "interest.home-decor >= 0.25 and count(purchase, 90d) >= 1",
        "channel.email.opened >= 3 and channel.email.clickRate > 0.1",
        "channel.sms.sent > 0 or channel.sms.delivered = 0 or channel.push.clicked > 1",
        "channel.email.converted >= 1 and channel.email.conversionRate < 0.5",
        "channel.email.responseRate > 0.2 and channel.email.openRate <= 0.9",
    })
    void validRulesParse(String rule) {
        assertDoesNotThrow(() -> RuleParser.parse(rule));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // rule                              | position | token             | expected starts with
        "``                                  | 0        | end of rule       | a field, 'not' or '('",
        "conversions                         | 11       | end of rule       | a comparison operator",
        "conversions = 0 and                 | 19       | end of rule       | a field, 'not' or '('",
        "conversions = 0 or or hasEmail = true | 19     | 'or'              | a field, 'not' or '('",
        "conversions == 0                    | 13       | '='               | a number after 'conversions ='",
        "conversions = 'zero'                | 14       | ''zero''          | a number after 'conversions ='",
        "hasEmail = 'yes'                    | 11       | ''yes''           | true or false after 'hasEmail ='",
        "hasEmail > true                     | 9        | '>'               | = or != before true",
        "lastChannel = email                 | 14       | 'email'           | a quoted string after 'lastChannel ='",
        "clicks > 3                          | 0        | 'clicks'          | a field: contacts",
        "channel.email.opens > 3             | 0        | 'channel.email.opens' | a field: contacts",
        "channel.contacts > 3                | 0        | 'channel.contacts' | a field: contacts",
        "channel.email.bounced > 0           | 0        | 'channel.email.bounced' | a field: contacts",
        "channel.email.openRate > 'high'     | 25       | ''high''          | a number after 'channel.email.openRate >'",
        "trait. = 1                          | 0        | 'trait.'          | a field: contacts",
        "(contacts > 1                       | 13       | end of rule       | 'and', 'or' or ')' to close the '(' at position 0",
        "contacts > 1)                       | 12       | ')'               | 'and', 'or' or end of rule",
        "contacts > 1 hasEmail = true        | 13       | 'hasEmail'        | 'and', 'or' or end of rule",
        "contacts ! 1                        | 9        | '!'               | '!='",
        "lastChannel = 'email                | 20       | end of rule       | a closing ' for the string that starts at position 14",
        "contacts > 1 & hasEmail = true      | 13       | '&'               | a field, a comparison operator",
        "contacts > 1.2.3                    | 11       | '1.2.3'           | a number such as",
        "trait.age >= (40)                   | 13       | '('               | a number, a quoted string, true or false",
        "count(purchases, 90d) >= 1          | 6        | 'purchases'       | an event kind after 'count(': purchase, return",
        "sum(purchase, 90d) > 1              | 4        | 'purchase'        | an event kind after 'sum(': purchase.value",
        "count(purchase 90d) >= 1            | 15       | '90d'             | ',' after 'purchase'",
        "count(purchase, 90) >= 1            | 16       | '90'              | a window length such as 90d",
        "count(purchase, 90x) >= 1           | 16       | '90x'             | a whole number followed by d (days)",
        "count(purchase, 0d) >= 1            | 16       | '0d'              | a whole number followed by d (days)",
        "count(purchase, 90d >= 1            | 20       | '>='              | ')' after '90d'",
        "count(purchase, 90d) >= 'one'       | 24       | ''one''           | a number after 'count(purchase, 90d) >='",
        "count(purchase, 90d)                | 20       | end of rule       | a comparison operator",
        "interest.surfing > 0.3              | 0        | 'interest.surfing' | an interest label after 'interest.': outdoor, sports",
        "interest. > 0.3                     | 0        | 'interest.'       | an interest label after 'interest.'",
        "interest.outdoor > 'high'           | 19       | ''high''          | a number after 'interest.outdoor >'",
    })
    void invalidRulesNamePositionAndExpectation(String rule, int position, String token, String expected) {
        InvalidRuleException error = assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule));

        assertEquals(position, error.position(), "position");
        assertEquals(token, error.token(), "token");
        assertTrue(error.expected().startsWith(expected), "expected: " + error.expected());
        assertTrue(error.getMessage().contains("at position " + position), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "channel.email.opened >= 3                          | true",
        "channel.email.openRate > 0.1                       | true",
        "channel.email.responseRate > 0.1                   | false",
        "channel.email.contacts > 1 or channel.sms.sent > 0 | true",
        "not channel.email.clicked = 0                      | true",
        "count(purchase, 90d) >= 1                          | false",
        "contacts > 1 and trait.age > 3                     | false",
    })
    void deliveryFieldsAreDetected(String rule, boolean readsDeliveries) {
        assertEquals(readsDeliveries, RuleParser.parse(rule).readsDeliveries());
    }

    @Test
    void deepNestingIsRejected() {
        String rule = "(".repeat(RuleParser.MAX_NESTING + 1) + "contacts > 1" + ")".repeat(RuleParser.MAX_NESTING + 1);

        InvalidRuleException error = assertThrows(InvalidRuleException.class, () -> RuleParser.parse(rule));

        assertEquals(RuleParser.MAX_NESTING, error.position());
    }

    @Test
    void andBindsTighterThanOr() {
        Rule rule = RuleParser.parse("contacts > 1 or contacts > 2 and contacts > 3");

        Rule.Or or = assertInstanceOf(Rule.Or.class, rule);
        assertEquals(2, or.operands().size());
        assertInstanceOf(Rule.And.class, or.operands().get(1));
    }
}
