package dev.billforge.payment.gateway;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.billforge.chassis.config.ChassisConfig;
import dev.billforge.payment.domain.Card;
import dev.billforge.payment.domain.ProviderCredentials;
import dev.billforge.payment.domain.Providers;

/**
 * A payment provider inside the service, for development, tests and demos: it knows the {@link SimulatorCard} test
 * tokens and keeps its charges in its own table ({@code simulator_charge}), written outside our transactions, the
 * way a real provider's books are. Like Stripe it honours idempotency keys: a repeated key gets the first charge's
 * reference and outcome back and nothing is charged again.
 */
@ApplicationScoped
public class SimulatorGateway implements PaymentGateway {

    static final String SUCCEEDED = "succeeded";
    static final String UNKNOWN_TOKEN = "invalid_payment_token";

    private final Pool database;
    private final Clock clock;
    private final String insertSql;
    private final String selectSql;

    public SimulatorGateway(Pool database, Clock clock, ChassisConfig config) {
        this.database = database;
        this.clock = clock;
        String table = config.db().schema() + ".simulator_charge";
        // A concurrent request with the same key waits for the first insert, then only counts itself: one charge.
        this.insertSql = "INSERT INTO " + table + " (idempotency_key, reference, outcome, amount, currency, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key)"
                + " DO UPDATE SET requests = " + table + ".requests + 1";
        this.selectSql = "SELECT reference, outcome, amount, currency FROM " + table + " WHERE idempotency_key = $1";
    }

    @Override
    public String provider() {
        return Providers.SIMULATOR;
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
        String reference = "ch_sim_" + UUID.randomUUID().toString().replace("-", "");
        Tuple charge = Tuple.tuple().addString(request.idempotencyKey()).addString(reference).addString(outcome)
                .addLong(request.amount()).addString(request.currency())
                .addOffsetDateTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        return database.preparedQuery(insertSql).execute(charge)
                .chain(() -> database.preparedQuery(selectSql).execute(Tuple.of(request.idempotencyKey())))
                .map(rows -> answer(rows.iterator().next(), request));
    }

    private static ChargeResult answer(Row charge, ChargeRequest request) {
        if (charge.getLong("amount") != request.amount() || !charge.getString("currency").equals(request.currency())) {
            // Stripe answers an idempotency_error here: a key must never stand for two different charges.
            throw new IllegalStateException("Idempotency key " + request.idempotencyKey()
                    + " was used before for a different amount or currency");
        }
        String outcome = charge.getString("outcome");
        String reference = charge.getString("reference");
        return SUCCEEDED.equals(outcome) ? ChargeResult.succeeded(reference)
                : ChargeResult.declined(reference, outcome, SimulatorCard.messageFor(outcome));
    }
}
