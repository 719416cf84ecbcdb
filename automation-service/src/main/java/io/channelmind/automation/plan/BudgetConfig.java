package io.channelmind.automation.plan;

import java.math.BigDecimal;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Settings of the budget plans that campaign sends spend against. */
@ConfigMapping(prefix = "automation.budget")
public interface BudgetConfig {

    /**
     * Cost of one message per channel, in the currency of the plans, such as
     * {@code automation.budget.cost-per-message.sms=0.05}. A channel without a cost is not limited
     * by the plans.
     */
    Map<String, BigDecimal> costPerMessage();
}
