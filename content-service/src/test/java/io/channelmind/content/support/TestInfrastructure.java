package io.channelmind.content.support;

import io.channelmind.content.messaging.Topics;
import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Starts one real Kafka broker and one real PostgreSQL server for every Quarkus test of this
 * module. Quarkus applies test resources found on any class to the whole run.
 */
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = Topics.DELIVERIES + ",cm.privacy-requests,cm.privacy-confirmations"))
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "content"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
