package io.channelmind.ingestion;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.channelmind.security.testing.TestTokens;
import io.channelmind.stack.infra.FreePorts;
import io.channelmind.stack.infra.PostgresServer;

/**
 * Starts the packaged ingestion-service without a key-encryption key and checks that it stops
 * at startup with an error that names the setting, instead of publishing personal traits it
 * cannot encrypt.
 */
class MissingKeyEncryptionKeyIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void startWithoutKekFails() throws Exception {
        Path log = Path.of("target/missing-kek-it/ingestion-service.log");
        Files.createDirectories(log.getParent());
        try (PostgresServer postgres = PostgresServer.startTemporary()) {
            postgres.createDatabases(List.of("ingestion"));
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("CHANNELMIND_CRYPTO_KEK");
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(FreePorts.find()));
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("ingestion"));
            builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("ingestion"));
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "");
            builder.environment().put("CHANNELMIND_AUTH_PUBLIC_KEY", TestTokens.publicKey());
            Process process = builder.start();

            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }

            String output = Files.readString(log);
            assertTrue(exited, "ingestion-service did not stop without a key-encryption key; see " + log);
            assertNotEquals(0, process.exitValue());
            assertTrue(output.contains("channelmind.crypto.kek is not set"), "the error names the setting; see " + log);
        }
    }
}
