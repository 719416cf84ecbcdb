package io.channelmind.automation.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.client.ContentClient;
import io.channelmind.automation.client.ContentGateway;
import io.channelmind.automation.client.DependencyException;
import io.smallrye.mutiny.Uni;

class VariantCacheTest {

    private static final ContentClient.Variant VARIANT = new ContentClient.Variant("copy-1", "sms", null, null, "Hi", true);

    /** A content-service gateway that counts its requests and fails while {@code failing} is set. */
    private static final class CountingGateway extends ContentGateway {

        final AtomicInteger requests = new AtomicInteger();
        volatile boolean failing;

        CountingGateway() {
            super(null);
        }

        @Override
        public Uni<List<ContentClient.Variant>> approvedVariants(String campaign, String segment, String channel) {
            requests.incrementAndGet();
            if (failing) {
                return Uni.createFrom().failure(DependencyException.invalidResponse("content-service", "GET /api/v1/copy",
                        "simulated failure"));
            }
            return Uni.createFrom().item(List.of(VARIANT));
        }
    }

    @Test
    void repeatedKeyRequestsOnce() {
        CountingGateway gateway = new CountingGateway();
        VariantCache cache = new VariantCache(gateway, Duration.ofMinutes(1), 10);

        for (int index = 0; index < 10; index++) {
            assertEquals(List.of(VARIANT), cache.approvedVariants("spring", null, "sms"));
        }

        assertEquals(1, gateway.requests.get());
    }

    @Test
    void otherKeysRequestedSeparately() {
        CountingGateway gateway = new CountingGateway();
        VariantCache cache = new VariantCache(gateway, Duration.ofMinutes(1), 10);

        cache.approvedVariants("spring", null, "sms");
        cache.approvedVariants("spring", "young", "sms");
        cache.approvedVariants("spring", null, "email");
        cache.approvedVariants("autumn", null, "sms");

        assertEquals(4, gateway.requests.get());
    }

    @Test
    void failureNotCached() {
        CountingGateway gateway = new CountingGateway();
        VariantCache cache = new VariantCache(gateway, Duration.ofMinutes(1), 10);
        gateway.failing = true;

        assertThrows(DependencyException.class, () -> cache.approvedVariants("spring", null, "sms"));
        gateway.failing = false;

        assertEquals(List.of(VARIANT), cache.approvedVariants("spring", null, "sms"));
        assertEquals(2, gateway.requests.get());
    }

    @Test
    void zeroTimeToLiveRequestsEachTime() {
        CountingGateway gateway = new CountingGateway();
        VariantCache cache = new VariantCache(gateway, Duration.ZERO, 10);

        cache.approvedVariants("spring", null, "sms");
        cache.approvedVariants("spring", null, "sms");

        assertEquals(2, gateway.requests.get());
    }
}
