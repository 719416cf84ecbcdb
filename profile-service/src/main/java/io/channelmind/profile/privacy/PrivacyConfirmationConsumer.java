package io.channelmind.profile.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code cm.privacy-confirmations}. A record that is not valid JSON, lacks
 * {@code requestId}, {@code kind} or {@code service}, or names no UUID is logged and skipped.
 */
@ApplicationScoped
public class PrivacyConfirmationConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyConfirmationConsumer.class);

    private final ObjectMapper mapper;
    private final PrivacyService service;

    public PrivacyConfirmationConsumer(ObjectMapper mapper, PrivacyService service) {
        this.mapper = mapper;
        this.service = service;
    }

    @Incoming(Topics.PRIVACY_CONFIRMATIONS)
    public Uni<Void> consume(String payload) {
        PrivacyConfirmationEvent confirmation = parse(payload);
        if (confirmation == null || !confirmation.isComplete() || !PrivacyService.isUuid(confirmation.requestId())) {
            LOG.warn("Skipped a malformed privacy confirmation (invalid JSON, or requestId, kind or service "
                    + "missing or invalid)");
            return Uni.createFrom().voidItem();
        }
        return service.confirm(confirmation);
    }

    private PrivacyConfirmationEvent parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, PrivacyConfirmationEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
