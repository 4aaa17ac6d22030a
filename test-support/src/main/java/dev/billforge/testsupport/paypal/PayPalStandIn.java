package dev.billforge.testsupport.paypal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.billforge.testsupport.stripe.IdempotentReplay;

/**
 * A local HTTP server that speaks PayPal's REST wire format, for payment-service's PayPal client to talk to in
 * tests: OAuth2 client credentials, Vault v3 payment tokens, Orders v2 create and capture, capture refunds, and
 * verify-webhook-signature. The request/response pairs are WireMock mappings under {@code paypal-standin/} on the
 * classpath, written after PayPal's API reference; {@code PayPal-Request-Id} replays like PayPal's idempotency.
 * <p>
 * Vault tokens it knows: {@code vault_card_visa} (captures), {@code vault_card_declined} (the capture is DECLINED,
 * processor response 5120: insufficient funds) and {@code vault_paypal_wallet} (a PayPal account). Client id
 * {@code standin_refused} is refused at the token endpoint. Webhook signatures verify when made with
 * {@link PayPalWebhookSigner}: the protocol is PayPal's, the cryptography a stand-in's (see
 * {@link PayPalWebhookVerification}).
 */
public final class PayPalStandIn implements AutoCloseable {

    private final WireMockServer server;

    private PayPalStandIn(WireMockServer server) {
        this.server = server;
    }

    public static PayPalStandIn start() {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderClasspath("paypal-standin")
                .extensions(new IdempotentReplay("paypal-request-id-replay", "PayPal-Request-Id", false,
                        "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"DUPLICATE_REQUEST_ID\","
                                + "\"description\":\"The PayPal-Request-Id was used for a different request.\"}]}"),
                        new PayPalWebhookVerification()));
        server.start();
        return new PayPalStandIn(server);
    }

    /** What to configure as the PayPal API base (sandbox and live alike). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
