package dev.billforge.payment.provider.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.errors.ErrorCode;
import dev.billforge.payment.domain.Card;
import dev.billforge.payment.provider.ChargeRequest;
import dev.billforge.payment.provider.ChargeResult;
import dev.billforge.payment.provider.CustomerProfile;
import dev.billforge.payment.provider.PaymentProvider;
import dev.billforge.payment.provider.ProviderCredentials;
import dev.billforge.payment.provider.RefundRequest;
import dev.billforge.payment.provider.RefundResult;

/**
 * A payment provider inside the service, for development, tests and demos: it knows the {@link SimulatorCard} test
 * tokens and keeps its charges and refunds in its own table ({@code simulator_charge}, created at start-up where the
 * simulator is on, not by the service's migrations), written outside our transactions, the way a real provider's
 * books are. It moves no money, so it is offered only where {@code billforge.payment.providers.simulator.enabled=true}
 * (the local stack, tests); the Helm chart never sets it. Like Stripe it honours idempotency keys: a repeated key
 * gets the first charge's reference and outcome back and nothing is charged again.
 */
@ApplicationScoped
public class SimulatorProvider implements PaymentProvider {

    public static final String NAME = "simulator";
    static final String SUCCEEDED = "succeeded";
    static final String UNKNOWN_TOKEN = ErrorCode.INVALID_PAYMENT_TOKEN.wireName();

    private final Pool database;
    private final Clock clock;
    private final String createBooksSql;
    private final String insertSql;
    private final boolean enabled;
    private volatile boolean booksReady;

    public SimulatorProvider(Pool database, Clock clock, ChassisConfig config, SimulatorConfig simulator) {
        this.enabled = simulator.enabled().orElse(false);
        this.database = database;
        this.clock = clock;
        String table = config.db().schema() + ".simulator_charge";
        // A concurrent request with the same key waits for the first insert, then only counts itself: one charge.
        // Two first bookings at once may both try to create the table: the loser's error means it exists.
        this.createBooksSql = "DO $$ BEGIN CREATE TABLE IF NOT EXISTS " + table + " ("
                + " idempotency_key text PRIMARY KEY, reference text NOT NULL, outcome text NOT NULL,"
                + " amount bigint NOT NULL, currency text NOT NULL, created_at timestamptz NOT NULL,"
                // How often it was asked with this key: a row is one charge, however many requests it answered.
                + " requests integer NOT NULL DEFAULT 1);"
                + " EXCEPTION WHEN unique_violation OR duplicate_table THEN NULL; END $$";
        this.insertSql = "INSERT INTO " + table + " (idempotency_key, reference, outcome, amount, currency, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key)"
                + " DO UPDATE SET requests = " + table + ".requests + 1"
                // The row booked under the key, new or first: one statement (and one commit) per request.
                + " RETURNING reference, outcome, amount, currency";
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Never offered unless configuration says so: it marks invoices paid with no money moving. */
    @Override
    public boolean enabled() {
        return enabled;
    }

    /** The simulator needs no credentials: calls get null. */
    @Override
    public Class<? extends CredentialsRequest> credentialsRequest() {
        return null;
    }

    @Override
    public ProviderCredentials credentialsFrom(Map<String, Object> document) {
        throw new IllegalStateException("The simulator keeps no credentials");
    }

    /** The simulator keeps no customers: its tokens are charged on their own. */
    @Override
    public Uni<String> createCustomer(ProviderCredentials credentials, CustomerProfile customer) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Card> attach(ProviderCredentials credentials, String providerCustomerId, String providerToken) {
        return Uni.createFrom().item(SimulatorCard.byToken(providerToken).map(SimulatorCard::card).orElse(null));
    }

    @Override
    public Uni<ChargeResult> charge(ProviderCredentials credentials, ChargeRequest request) {
        Optional<SimulatorCard> card = SimulatorCard.byToken(request.providerToken());
        if (card.isEmpty()) {
            // Nothing to charge: no charge is created, as a provider answers for a token it never issued.
            return Uni.createFrom().item(ChargeResult.declined(null, UNKNOWN_TOKEN,
                    "The payment method is not known to the provider."));
        }
        String outcome = card.get().declines() ? card.get().declineCode() : SUCCEEDED;
        return book(request.idempotencyKey(), "ch_sim_", outcome, request.amount(), request.currency()).map(charge -> {
            String reference = charge.getString("reference");
            String booked = charge.getString("outcome");
            return SUCCEEDED.equals(booked) ? ChargeResult.succeeded(reference)
                    : ChargeResult.declined(reference, booked, SimulatorCard.messageFor(booked));
        });
    }

    /** Simulated refunds always go through; like charges, once per idempotency key. */
    @Override
    public Uni<RefundResult> refund(ProviderCredentials credentials, RefundRequest request) {
        return book(request.idempotencyKey(), "re_sim_", SUCCEEDED, request.amount(), request.currency())
                .map(refund -> RefundResult.succeeded(refund.getString("reference")));
    }

    /** Where the simulator is on, its books exist from start-up (tests and tools read them). */
    void createBooks(@Observes StartupEvent started) {
        if (enabled) {
            ensureBooks().await().atMost(Duration.ofSeconds(30));
        }
    }

    private Uni<Void> ensureBooks() {
        if (booksReady) {
            return Uni.createFrom().voidItem();
        }
        return database.query(createBooksSql).execute().invoke(() -> booksReady = true).replaceWithVoid();
    }

    /** Books a charge or refund under its idempotency key, or finds the one booked before with that key. */
    private Uni<Row> book(String idempotencyKey, String referencePrefix, String outcome, long amount,
            String currency) {
        String reference = referencePrefix + UUID.randomUUID().toString().replace("-", "");
        Tuple entry = Tuple.tuple().addString(idempotencyKey).addString(reference).addString(outcome)
                .addLong(amount).addString(currency)
                .addOffsetDateTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        return ensureBooks().chain(() -> database.preparedQuery(insertSql).execute(entry))
                .map(rows -> {
                    Row booked = rows.iterator().next();
                    if (booked.getLong("amount") != amount || !booked.getString("currency").equals(currency)) {
                        // Stripe answers an idempotency_error here: a key must never stand for two different requests.
                        throw new IllegalStateException("Idempotency key " + idempotencyKey
                                + " was used before for a different amount or currency");
                    }
                    return booked;
                });
    }
}
