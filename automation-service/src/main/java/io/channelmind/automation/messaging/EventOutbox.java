package io.channelmind.automation.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes cm.deliveries events into the {@code event_outbox} table on the caller's connection,
 * so an event commits or rolls back with the state change it describes. An event id that is
 * already in the outbox is ignored.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String INSERT = """
            insert into event_outbox (event_id, event_key, payload, created_at)
            values ($1, $2, $3, now())
            on conflict (event_id) do nothing
            """;

    private static final String INSERT_JDBC = """
            insert into event_outbox (event_id, event_key, payload, created_at)
            values (?, ?, ?::jsonb, now())
            on conflict (event_id) do nothing
            """;

    private final ObjectMapper mapper;

    public EventOutbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> add(SqlClient connection, DeliveryEvent event) {
        Tuple values = Tuple.of(event.eventId(), event.profileKey(), payload(event));
        return connection.preparedQuery(INSERT).execute(values).replaceWithVoid();
    }

    /** Writes the event on a JDBC connection, for the journey engine's blocking transactions. */
    public void add(Connection connection, DeliveryEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_JDBC)) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.profileKey());
            insert.setString(3, write(event));
            insert.executeUpdate();
        }
    }

    /** Returns the event as the JSON stored in the payload column. */
    public JsonObject payload(DeliveryEvent event) {
        return new JsonObject(write(event));
    }

    /** Reads a payload column that was selected as text. */
    DeliveryEvent read(String payload) {
        try {
            return mapper.readValue(payload, DeliveryEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event_outbox row does not contain a DeliveryEvent", e);
        }
    }

    /** Returns the event as JSON text, for a statement that casts it to the payload column's jsonb. */
    public String write(DeliveryEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Serialising delivery event " + event.eventId() + " failed", e);
        }
    }
}
