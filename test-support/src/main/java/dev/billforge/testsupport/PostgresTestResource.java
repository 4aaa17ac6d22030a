package dev.billforge.testsupport;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.billforge.localstack.PostgresServer;

/**
 * The real Postgres for a service's tests: the machine's server on 127.0.0.1:5432 when it answers, else an embedded
 * one. Tests use their own database ({@value #DATABASE}) and Flyway cleans the service's schema before migrating,
 * so every run starts from the migrations, exactly as production does.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "billforge_test";

    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        postgres = PostgresServer.ensureRunning("127.0.0.1", 5432, Path.of("target", "embedded-postgres"));
        postgres.createDatabaseIfMissing(DATABASE);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
