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

/** Stores the column mappings that users registered, as JSON text in {@code import_mapping}. */
@ApplicationScoped
public class MappingRepository {

    private final DataSource dataSource;

    public MappingRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts or replaces a mapping.
     *
     * @return true when the mapping is new, false when it replaced one
     */
    public boolean upsert(String name, String json) {
        String sql = "INSERT INTO import_mapping (name, definition) VALUES (?, ?::jsonb) ON CONFLICT (name) DO UPDATE "
                + "SET definition = EXCLUDED.definition, updated_at = now() RETURNING (xmax = 0) AS inserted";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setString(2, json);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new StorageException("Storing the mapping '" + name + "' failed", e);
        }
    }

    public Optional<String> find(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT definition::text FROM import_mapping WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
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
