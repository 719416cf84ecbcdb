package io.channelmind.ingestion.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.audit.AuditAction;
import io.channelmind.web.audit.AuditLog;

/** Stores the column mappings that users registered, as JSON text in {@code import_mapping}. */
@ApplicationScoped
public class MappingRepository {

    /** Entity type of column mappings in the audit log. */
    static final String ENTITY = "mapping";

    private final DataSource dataSource;
    private final AuditLog audit;
    private final ObjectMapper json;

    public MappingRepository(DataSource dataSource, AuditLog audit, ObjectMapper json) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Inserts or replaces a mapping, and appends the audit entry with the replaced definition in
     * the same transaction.
     *
     * @return true when the mapping is new, false when it replaced one
     */
    public boolean upsert(String name, String definition) {
        String sql = "INSERT INTO import_mapping (name, definition) VALUES (?, ?::jsonb) ON CONFLICT (name) DO UPDATE "
                + "SET definition = EXCLUDED.definition, updated_at = now() RETURNING (xmax = 0) AS inserted";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<String> before = find(connection, name, true);
                boolean inserted;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, name);
                    statement.setString(2, definition);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        inserted = rows.getBoolean(1);
                    }
                }
                audit.record(connection, inserted ? AuditAction.CREATED : AuditAction.CHANGED, ENTITY, name,
                        before.map(this::tree).orElse(null), tree(definition));
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("Storing the mapping '" + name + "' failed", e);
        }
    }

    private Optional<String> find(Connection connection, String name, boolean lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT definition::text FROM import_mapping WHERE name = ?" + (lock ? " FOR UPDATE" : ""))) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private JsonNode tree(String definition) {
        try {
            return json.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated mapping is valid JSON", e);
        }
    }

    public Optional<String> find(String name) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, name, false);
        } catch (SQLException e) {
            throw new StorageException("Reading the mapping '" + name + "' failed", e);
        }
    }

    /** Returns every stored mapping's JSON by name. */
    public Map<String, String> findAll() {
        Map<String, String> mappings = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT name, definition::text FROM import_mapping ORDER BY name");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                mappings.put(rows.getString(1), rows.getString(2));
            }
            return mappings;
        } catch (SQLException e) {
            throw new StorageException("Reading the registered mappings failed", e);
        }
    }
}
