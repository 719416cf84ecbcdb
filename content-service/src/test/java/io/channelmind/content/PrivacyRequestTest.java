package io.channelmind.content;

import java.util.Map;
import java.util.UUID;

import io.channelmind.content.privacy.PrivacyRequestConsumer;
import io.channelmind.web.testing.PrivacyRequestContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PrivacyRequestTest extends PrivacyRequestContract {

    @Override
    protected String service() {
        return PrivacyRequestConsumer.SERVICE;
    }

    @Override
    protected Map<String, Integer> expectedDeleted() {
        return Map.of("counted_delivery", 2);
    }

    /** Inserts two counted deliveries whose event ids name the person, as delivery event ids do. */
    @Override
    protected void insertRows(Person person) {
        UUID copyId = UUID.randomUUID();
        sql("insert into copy_variant (id, channel, locale, generator, body, product, created_at) "
                + "values ($1, 'email', 'en', 'template', 'Hello', 'Tea', now())", copyId);
        sql("insert into counted_delivery (event_id, copy_id) values ($1, $2), ($3, $2)",
                UUID.randomUUID() + "/initial/" + person.profileKey(), copyId,
                UUID.randomUUID() + "/initial/" + person.profileKey() + "/clicked");
    }

    @Override
    protected long countRows(Person person) {
        return count("select count(*) from counted_delivery where strpos(event_id, $1) > 0", person.profileKey());
    }
}
