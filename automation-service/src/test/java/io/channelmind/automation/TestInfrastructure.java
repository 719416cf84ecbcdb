package io.channelmind.automation;

import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;
import io.channelmind.stack.test.SmtpTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Starts one Kafka broker, one PostgreSQL server, one SMTP server and one WireMock server for
 * the whole test run, and every {@code @QuarkusTest} shares them.
 */
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "cm.deliveries,cm.segment-membership,cm.customer-events,cm.budget-plans,cm.privacy-requests,cm.privacy-confirmations,cm.consent-changes,cm.profile-merged"))
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "automation"))
@QuarkusTestResource(SmtpTestResource.class)
@QuarkusTestResource(WireMockResource.class)
public class TestInfrastructure {
}
