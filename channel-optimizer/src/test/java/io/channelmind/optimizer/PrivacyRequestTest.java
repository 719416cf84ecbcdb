package io.channelmind.optimizer;

import java.util.Map;

import io.channelmind.optimizer.privacy.PrivacyRequestConsumer;
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
        return Map.of("profile", 1, "profile_channel", 2, "segment_member", 1);
    }

    @Override
    protected void insertRows(Person person) {
        sql("insert into profile (profile_key) values ($1)", person.profileKey());
        sql("insert into profile_channel (profile_key, channel) values ($1, 'email'), ($1, 'sms')", person.profileKey());
        sql("insert into segment_member (segment, profile_key) values ('vip', $1)", person.profileKey());
    }

    @Override
    protected long countRows(Person person) {
        return count("select (select count(*) from profile where profile_key = $1)"
                + " + (select count(*) from profile_channel where profile_key = $1)"
                + " + (select count(*) from segment_member where profile_key = $1)", person.profileKey());
    }
}
