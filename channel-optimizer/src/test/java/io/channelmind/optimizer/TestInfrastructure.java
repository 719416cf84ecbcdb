package io.channelmind.optimizer;

import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Starts one real Kafka broker and one real PostgreSQL server for the whole test run. The
 * annotations apply to every {@code @QuarkusTest}, so all tests share the broker and the
 * database and use their own channel, profile and segment names.
 */
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "cm.customer-events,cm.spend,cm.segment-membership,cm.deliveries,cm.budget-plans,cm.privacy-requests,cm.privacy-confirmations"))
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "optimizer"))
public class TestInfrastructure {
}
