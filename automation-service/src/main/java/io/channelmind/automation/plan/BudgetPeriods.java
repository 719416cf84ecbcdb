package io.channelmind.automation.plan;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Budget periods: calendar months in UTC, written {@code YYYY-MM}. */
final class BudgetPeriods {

    private BudgetPeriods() {
    }

    static String of(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC)).toString();
    }
}
