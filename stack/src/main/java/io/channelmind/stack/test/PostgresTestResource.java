package io.channelmind.stack.test;

import java.util.List;
import java.util.Map;

import io.channelmind.stack.infra.LocalKeys;
import io.channelmind.stack.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL server for a Quarkus test run, creates the database named by the
 * init argument {@code database} (default {@code channelmind}) and sets both the reactive URL
 * (Hibernate Reactive) and the JDBC URL (Flyway migrations). It also sets a random
 * key-encryption key ({@code channelmind.crypto.kek}) for the data keys stored in that
 * database, so every process that shares the database gets the same key and none is committed.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;
    private String database = "channelmind";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        server = PostgresServer.startTemporary();
        server.createDatabases(List.of(database));
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "",
                "channelmind.crypto.kek", LocalKeys.keyEncryptionKey());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
