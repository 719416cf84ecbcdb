package io.channelmind.ingestion;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.channelmind.ingestion.privacy.PrivacyRequestConsumer;
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
        return Map.of("import_row_error", 2);
    }

    /**
     * Inserts rejected rows whose value is the person's profile key and their e-mail address in
     * another spelling, whose hash still matches once normalised.
     */
    @Override
    protected void insertRows(Person person) {
        UUID importId = UUID.randomUUID();
        sql("insert into import_job (id, mapping, on_error, input_format, status, started_at) "
                + "values ($1, 'demo', 'skip', 'csv', 'completed', now())", importId);
        sql("insert into import_row_error (import_id, row_number, column_name, value, reason) "
                + "values ($1, 1, 'customer_id', $2, 'invalid'), ($1, 2, 'email', $3, 'invalid')",
                importId, person.profileKey(), "  " + person.email().toUpperCase(Locale.ROOT) + " ");
    }

    @Override
    protected long countRows(Person person) {
        return count("select count(*) from import_row_error where value = $1 or lower(btrim(value)) = $2",
                person.profileKey(), person.email());
    }
}
