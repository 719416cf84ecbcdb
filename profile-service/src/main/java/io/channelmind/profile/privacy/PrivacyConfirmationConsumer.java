package io.channelmind.profile.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.profile.messaging.Topics;
import io.channelmind.web.crypto.CryptoException;
import io.channelmind.web.crypto.TopicOpener;
import io.channelmind.web.privacy.PrivacyConfirmation;
import io.channelmind.web.privacy.PrivacyConfirmationPublisher;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code cm.privacy-confirmations}. A record that is not valid JSON, lacks
 * {@code requestId}, {@code kind} or {@code service}, or names no UUID is logged and skipped, and
 * so is an export whose sealed rows do not decrypt.
 */
@ApplicationScoped
public class PrivacyConfirmationConsumer {

    private static final Logger LOG = Logger.getLogger(PrivacyConfirmationConsumer.class);

    private final ObjectMapper mapper;

    private static final TypeReference<Map<String, Object>> ROWS = new TypeReference<>() {
    };

    private final PrivacyService service;
    private final TopicOpener opener;

    public PrivacyConfirmationConsumer(ObjectMapper mapper, PrivacyService service, TopicOpener opener) {
        this.mapper = mapper;
        this.service = service;
        this.opener = opener;
    }

    @Incoming(Topics.PRIVACY_CONFIRMATIONS)
    public Uni<Void> consume(String payload) {
        PrivacyConfirmation confirmation = parse(payload);
        if (confirmation == null || !confirmation.isComplete() || !PrivacyService.isUuid(confirmation.requestId())) {
            LOG.warn("Skipped a malformed privacy confirmation (invalid JSON, or requestId, kind or service "
                    + "missing or invalid)");
            return Uni.createFrom().voidItem();
        }
        if (confirmation.sealedData() != null) {
            try {
                String rows = opener.open(Topics.PRIVACY_CONFIRMATIONS, confirmation.eventId(), confirmation.sealedData())
                        .get(PrivacyConfirmationPublisher.SEALED_DATA);
                confirmation = confirmation.withData(rows == null ? null : mapper.readValue(rows, ROWS));
            } catch (CryptoException | JsonProcessingException e) {
                LOG.warnf("Skipped the confirmation %s of %s for request %s: its sealed rows could not be read (%s)",
                        confirmation.eventId(), confirmation.service(), confirmation.requestId(),
                        e.getClass().getSimpleName());
                return Uni.createFrom().voidItem();
            }
        }
        return service.confirm(confirmation);
    }

    private PrivacyConfirmation parse(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            return mapper.readValue(payload, PrivacyConfirmation.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
