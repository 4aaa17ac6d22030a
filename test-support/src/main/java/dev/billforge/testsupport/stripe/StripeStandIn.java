package dev.billforge.testsupport.stripe;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A local HTTP server that speaks Stripe's wire format, for stripe-java to talk to in tests: form-encoded requests,
 * {@code Idempotency-Key} replays ({@link IdempotentReplay}), and Stripe's JSON objects and error objects. The
 * request/response pairs are WireMock mappings under {@code stripe-standin/} on the classpath, written after
 * Stripe's API reference (customers, payment methods, payment intents, refunds) and its test payment methods
 * ({@code pm_card_visa}, {@code pm_card_chargeDeclinedInsufficientFunds}, ...). Three payment methods exist only
 * here, to produce failures Stripe's test mode cannot: {@code pm_card_standinTimeoutOnce} (the first answer comes
 * too late), {@code pm_card_standinRateLimited} (429) and {@code pm_card_standinApiError} (500).
 */
public final class StripeStandIn implements AutoCloseable {

    private final WireMockServer server;

    private StripeStandIn(WireMockServer server) {
        this.server = server;
    }

    /** Starts on a free port of the loopback interface. */
    public static StripeStandIn start() {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderClasspath("stripe-standin")
                .extensions(new IdempotentReplay()));
        server.start();
        return new StripeStandIn(server);
    }

    /** What to configure as stripe-java's API base. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Runs the stand-in on its own, for trying the SDK by hand: {@code StripeStandIn [port]}. */
    public static void main(String[] args) throws InterruptedException {
        StripeStandIn standIn = start();
        System.out.println("Stripe stand-in listening on " + standIn.baseUrl());
        Thread.currentThread().join();
    }
}
