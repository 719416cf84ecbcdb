package io.channelmind.profile;

import io.channelmind.stack.test.KafkaTestResource;
import io.channelmind.stack.test.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Starts one real Kafka broker and one real PostgreSQL server that every test of this module shares. */
@QuarkusTestResource(value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = "topics", value = "cm.customer-events,cm.deliveries,cm.offers,cm.segment-membership,cm.profile-merged,cm.consent-changes,cm.privacy-requests,cm.privacy-confirmations"))
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "profile"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
