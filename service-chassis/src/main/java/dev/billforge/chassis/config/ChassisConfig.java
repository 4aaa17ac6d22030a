package dev.billforge.chassis.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every service shares; defaults live in the chassis' {@code META-INF/microprofile-config.properties}. */
@ConfigMapping(prefix = "billforge")
public interface ChassisConfig {

    Service service();

    Db db();

    Outbox outbox();

    Inbox inbox();

    Idempotency idempotency();

    Http http();

    CustomerDirectory customerDirectory();

    interface Service {
        /** The service's name: the CloudEvents {@code source} of what it publishes and its Kafka client id. */
        String name();
    }

    interface Db {
        /** The Postgres schema this service owns; nothing else reads or writes it. */
        String schema();
    }

    interface Outbox {
        /**
         * How often the relay looks for unsent events without being told. Committed events wake it at once through
         * Postgres {@code NOTIFY}; the sweep finds those whose notification was missed and retries failed sends.
         */
        @WithDefault("2s")
        Duration sweepInterval();

        /** How many unsent events one relay pass claims. */
        @WithDefault("200")
        int batchSize();

        /**
         * How long a claimed batch is reserved for this replica. Longer than the producer's delivery timeout, so a
         * batch still in flight is never claimed (and sent) again by another replica.
         */
        @WithDefault("60s")
        Duration lease();

        /** How long an event whose send failed waits before the next attempt. */
        @WithDefault("2s")
        Duration retryDelay();

        /** How long sent events stay in the table for inspection before they are purged. */
        @WithDefault("168h")
        Duration retention();
    }

    interface Inbox {
        /**
         * How many times an event that failed alone is tried before it is dead-lettered; waits double from 100 ms to
         * 5 s between tries, so the default rides out about a minute of database trouble.
         */
        @WithDefault("16")
        int maxAttempts();

        /**
         * How long a processed event's id is kept, so that a redelivery of it is recognised. It must outlast the
         * longest time a record can be redelivered: the topics' retention (168 hours on the bundled broker and by
         * Kafka's default) plus any consumer rewind you may want to replay. Older ids are purged hourly.
         */
        @WithDefault("30d")
        Duration retention();
    }

    interface Idempotency {
        /** How long an Idempotency-Key is remembered (Stripe keeps them 24 hours). */
        @WithDefault("24h")
        Duration retention();
    }

    interface Http {
        /** Largest request body accepted; larger ones are refused before they are read. */
        @WithDefault("65536")
        long maxBodyBytes();
    }

    interface CustomerDirectory {
        /**
         * Build-time switch: keep a projection of customers from customer-service's events (chassis
         * {@code directory} package). Services that enable it add {@code classpath:db/customer-directory} to
         * their Flyway locations.
         */
        @WithDefault("false")
        boolean enabled();

        /** An id minted this recently may belong to a customer whose {@code customer.created} is still on its way. */
        @WithDefault("60s")
        Duration catchUpWindow();

        /** How long a request waits for such a customer's event before answering 404. */
        @WithDefault("5s")
        Duration catchUpTimeout();
    }
}
