package io.channelmind.profile.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.profile.consent.ConsentRecords.HistoryEntry;
import io.channelmind.profile.consent.ConsentRecords.PurposeConsent;
import io.channelmind.profile.domain.ConsentChangeEvent;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.messaging.ConsentChangePublisher;
import io.channelmind.profile.service.ProfileService;
import io.channelmind.web.Problem;
import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;
import io.channelmind.web.audit.AuditSubjects;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Changes consent per channel and purpose, confirms double opt-in tokens and sets or clears
 * manual do-not-contact marks. Every change is stored in the consent history and published on
 * {@code cm.consent-changes} after it is committed.
 */
@ApplicationScoped
public class ConsentService {

    private static final Logger LOG = Logger.getLogger(ConsentService.class);
    /** Entity types of consents and of do-not-contact marks in the audit log. */
    static final String CONSENT_ENTITY = "consent";
    static final String DO_NOT_CONTACT_ENTITY = "do-not-contact";

    private final Pool pool;
    private final ProfileService profiles;
    private final ConsentRecords records;
    private final ConsentTokens tokens;
    private final ConsentChangePublisher publisher;
    private final Duration tokenLifetime;
    private final AuditLog audit;
    private final AuditSubjects auditSubjects;

    public ConsentService(Pool pool, ProfileService profiles, ConsentRecords records, ConsentTokens tokens,
            ConsentChangePublisher publisher,
            @ConfigProperty(name = "channelmind.consent.token-lifetime") Duration tokenLifetime, AuditLog audit,
            AuditSubjects auditSubjects) {
        this.pool = pool;
        this.profiles = profiles;
        this.records = records;
        this.tokens = tokens;
        this.publisher = publisher;
        this.tokenLifetime = tokenLifetime;
        this.audit = audit;
        this.auditSubjects = auditSubjects;
    }

    /**
     * A consent in the audit log, with the actor and note that the request named, which may
     * differ from the authenticated caller in the entry's actor.
     * NOTE: the note is free text and stays in the log after an erasure, so a note that names
     * the customer keeps that name. The docs ask callers to leave names out of it.
     */
    record ConsentAudit(PurposeConsent consent, String requestedBy, String note) {
    }

    /** A do-not-contact mark in the audit log; a null reason means the mark was cleared. */
    record DoNotContactAudit(boolean doNotContact, String reason, String requestedBy, String note) {
    }

    /**
     * Returns the audit log's entity id of one consent: the profile's audit pseudonym, the
     * channel and the purpose.
     */
    static String consentId(UUID pseudonym, String channel, String purpose) {
        return pseudonym + "/" + channel + "/" + purpose;
    }

    private Uni<Void> recordConsent(SqlClient client, String profileKey, Optional<PurposeConsent> before,
            PurposeConsent after, String actor, String note) {
        AuditAction action = ConsentState.WITHDRAWN.equals(after.state()) ? AuditAction.REVOKED : AuditAction.GRANTED;
        return auditSubjects.pseudonym(client, profileKey).chain(pseudonym -> audit.record(client, action,
                CONSENT_ENTITY, consentId(pseudonym, after.channel(), after.purpose()), pseudonym, before.orElse(null),
                new ConsentAudit(after, actor, note)));
    }

    private Uni<Void> recordDoNotContact(SqlClient client, String profileKey, DoNotContactAudit after) {
        return auditSubjects.pseudonym(client, profileKey).chain(pseudonym -> audit.record(client,
                AuditAction.CHANGED, DO_NOT_CONTACT_ENTITY, pseudonym.toString(), pseudonym, null, after));
    }

    /** A stored consent and, while it is pending, the token that confirms it. */
    public record ConsentResult(String profileKey, PurposeConsent consent, String confirmationToken) {
    }

    /** A profile's consent per purpose and its change history. */
    public record PurposesView(String profileKey, List<PurposeConsent> purposes, List<HistoryEntry> history) {
    }

    public Uni<PurposesView> purposes(String profileKey) {
        return profile(profileKey).chain(profile -> records.list(pool, profile.profileKey())
                .chain(purposes -> records.history(pool, profile.profileKey())
                        .map(history -> new PurposesView(profile.profileKey(), purposes, history))));
    }

    /**
     * Grants (pending with double opt-in, else confirmed) or withdraws consent for one channel and purpose.
     * NOTE: the key is resolved before the transaction and the profile is not locked, so a change
     * that commits after a merge of that profile is stored under the merged key and not moved.
     */
    public Uni<ConsentResult> change(String profileKey, String channel, String purpose, String state,
            boolean doubleOptIn, String actor, String note) {
        Instant now = Instant.now();
        String stored = "withdrawn".equals(state) ? ConsentState.WITHDRAWN
                : doubleOptIn ? ConsentState.PENDING : ConsentState.CONFIRMED;
        return profile(profileKey).chain(profile -> pool.withTransaction(client -> records
                .find(client, profile.profileKey(), channel, purpose)
                .chain(before -> records.save(client, profile.profileKey(), channel, purpose, stored, now)
                        .call(() -> records.addHistory(client, profile.profileKey(),
                                new HistoryEntry(channel, purpose, stored, actor, note, now)))
                        .call(consent -> recordConsent(client, profile.profileKey(), before, consent, actor, note))))
                .call(consent -> publish(purposeEvent(profile.profileKey(), consent, actor, note, now)))
                .map(consent -> new ConsentResult(profile.profileKey(), consent, ConsentState.PENDING.equals(stored)
                        ? tokens.sign(new ConsentTokens.Claim(profile.profileKey(), channel, purpose, consent.requestedAt()))
                        : null)));
    }

    /**
     * Confirms the pending consent a token names. Fails with 400 for an invalid or expired token
     * and 409 when the consent is no longer pending for the request the token was issued for.
     */
    public Uni<ConsentResult> confirm(String token) {
        ConsentTokens.Claim claim = tokens.verify(token).orElseThrow(() -> invalidToken(token,
                "The token is malformed or its signature is invalid"));
        Instant now = Instant.now();
        if (claim.requestedAt().plus(tokenLifetime).isBefore(now)) {
            throw invalidToken(token, "The token expired at " + claim.requestedAt().plus(tokenLifetime));
        }
        String actor = "data-subject";
        // A token issued before a merge names the merged key, whose pending consent moved to the survivor.
        return profiles.find(claim.profileKey())
                .map(found -> found.map(Profile::profileKey).orElse(claim.profileKey()))
                .chain(profileKey -> confirm(token, claim, profileKey, actor, now));
    }

    private Uni<ConsentResult> confirm(String token, ConsentTokens.Claim claim, String profileKey, String actor,
            Instant now) {
        return pool.withTransaction(client -> records.find(client, profileKey, claim.channel(), claim.purpose())
                .chain(found -> {
                    boolean pending = found.isPresent() && ConsentState.PENDING.equals(found.get().state())
                            && found.get().requestedAt().toEpochMilli() == claim.requestedAt().toEpochMilli();
                    if (!pending) {
                        throw Problem.of(409, "consent-not-pending", "Consent is not pending")
                                .detail("The " + claim.purpose() + " consent for " + claim.channel()
                                        + " is not pending for the request this token was issued for")
                                .error("token", shown(token), "Request the consent again with doubleOptIn and use "
                                        + "the new token")
                                .toException();
                    }
                    return records.save(client, profileKey, claim.channel(), claim.purpose(),
                            ConsentState.CONFIRMED, now)
                            .call(() -> records.addHistory(client, profileKey, new HistoryEntry(claim.channel(),
                                    claim.purpose(), ConsentState.CONFIRMED, actor, null, now)))
                            .call(consent -> recordConsent(client, profileKey, found, consent, actor, null));
                }))
                .call(consent -> publish(purposeEvent(profileKey, consent, actor, null, now)))
                .map(consent -> new ConsentResult(profileKey, consent, null));
    }

    /** Sets a do-not-contact mark, or clears it when {@code reason} is null. */
    public Uni<ProfileService.ConsentView> markDoNotContact(String profileKey, String reason, String actor, String note) {
        Instant now = Instant.now();
        String change = reason == null ? "do-not-contact-cleared" : "do-not-contact-set:" + reason;
        return profile(profileKey).chain(profile -> pool.withTransaction(client -> records
                .markDoNotContact(client, profile.profileKey(), reason, actor, note, now)
                .call(() -> records.addHistory(client, profile.profileKey(),
                        new HistoryEntry(null, null, change, actor, note, now)))
                .call(() -> recordDoNotContact(client, profile.profileKey(),
                        new DoNotContactAudit(reason != null, reason, actor, note))))
                .call(() -> publish(new ConsentChangeEvent(ConsentChangeEvent.SCHEMA_VERSION, "dnc-api:" + UUID.randomUUID(),
                        profile.profileKey(), null, reason != null, reason, null, now, null, null, actor, note)))
                .chain(() -> profiles.consent(profile.profileKey()))
                .map(found -> found.orElseThrow(() -> notFound(profileKey))));
    }

    private Uni<Void> publish(ConsentChangeEvent event) {
        return publisher.publish(List.of(event)).invoke(() -> LOG.infof("Consent of profile changed by the API (%s)",
                event.eventId()));
    }

    private static ConsentChangeEvent purposeEvent(String profileKey, PurposeConsent consent, String actor, String note,
            Instant at) {
        return new ConsentChangeEvent(ConsentChangeEvent.SCHEMA_VERSION, "consent:" + UUID.randomUUID(), profileKey,
                consent.channel(), false, null, null, at, consent.purpose(), consent.state(), actor, note);
    }

    private Uni<Profile> profile(String profileKey) {
        return profiles.find(profileKey).map(found -> found.orElseThrow(() -> notFound(profileKey)));
    }

    private static RuntimeException notFound(String profileKey) {
        return Problem.of(404, "profile-not-found", "Profile not found")
                .detail("No profile has the key '" + profileKey + "'")
                .error("profileKey", profileKey, "Check the key; profiles are created by customer events")
                .toException();
    }

    private static RuntimeException invalidToken(String token, String detail) {
        return Problem.of(400, "invalid-consent-token", "Invalid confirmation token")
                .detail(detail)
                .error("token", shown(token), "Use the confirmationToken returned when the consent was requested, "
                        + "or request the consent again")
                .toException();
    }

    /** Returns the start of a token, enough to recognise it in a problem without echoing it whole. */
    private static String shown(String token) {
        return token == null || token.length() <= 12 ? token : token.substring(0, 12) + "...";
    }
}
