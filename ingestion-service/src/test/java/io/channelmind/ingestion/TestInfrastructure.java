package io.channelmind.ingestion;

import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Starts one real Kafka broker and one real PostgreSQL server for every test of this module.
 * Three partitions per topic make the keying visible: one profile's events share a partition.
 */
@QuarkusTestResource(value = KafkaTestResource.class, initArgs = {
    @ResourceArg(name = "topics", value = "cm.customer-events,cm.spend,cm.offers,cm.ingest-dead-letter,cm.privacy-requests,cm.privacy-confirmations"),
    @ResourceArg(name = "partitions", value = "3")
})
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "ingestion"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
