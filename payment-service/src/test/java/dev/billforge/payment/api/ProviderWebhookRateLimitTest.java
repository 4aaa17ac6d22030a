package dev.billforge.payment.api;

import static dev.billforge.testsupport.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.billforge.payment.PaymentFixtures;
import dev.billforge.testsupport.KafkaTestResource;
import dev.billforge.testsupport.PostgresTestResource;
import dev.billforge.testsupport.RedisTestResource;
import dev.billforge.testsupport.TestTokens;
import dev.billforge.testsupport.paypal.PayPalStandInResource;
import dev.billforge.testsupport.paypal.PayPalWebhookSigner;

/** Provider webhooks have a quota of their own per tenant, and PayPal's verification calls one per tenant too. */
@QuarkusTest
@TestProfile(ProviderWebhookRateLimitTest.WebhookQuotas.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(PayPalStandInResource.class)
class ProviderWebhookRateLimitTest {

    public static class WebhookQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("billforge.rate-limit.enabled", "true", "billforge.rate-limit.provider-webhooks", "4",
                    "billforge.rate-limit.window", "60s",
                    "billforge.payment.providers.paypal.verifications-per-minute", "2");
        }
    }

    private static int deliver(String provider, String tenant) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", "t=1,v1=forged")
                .body("{\"id\":\"evt_forged\"}").post("/v1/webhooks/" + provider + "/" + tenant).statusCode();
    }

    @Test
    void aFloodOfDeliveriesToOneTenantIsLimitedApartFromItsApiAndFromOtherTenants() {
        String flooded = "flooded-" + UUID.randomUUID();
        List<Integer> statuses = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            statuses.add(deliver("stripe", flooded));
        }
        assertEquals(List.of(400, 400, 400, 400, 429, 429), statuses);
        given().auth().oauth2(TestTokens.reader(flooded)).get("/v1/payments").then().statusCode(200);
        assertEquals(400, deliver("stripe", "bystander-" + UUID.randomUUID()), "another tenant's URL is not limited");
    }

    @Test
    void forgedPayPalDeliveriesCannotSpendTheTenantsPayPalQuota() {
        String tenant = "paypal-" + UUID.randomUUID();
        PaymentFixtures.configurePayPal(tenant);
        String event = PayPalWebhookSigner.captureRefunded("2GG279541U471931P", "1JU08902781691411", "5.00", "USD");
        Map<String, String> forged = PayPalWebhookSigner.headers(event, "WH-SOMEONE-ELSE");
        for (int n = 0; n < 2; n++) { // asked of PayPal, which does not verify them
            expectProblem(given().headers(forged).contentType(ContentType.JSON).body(event)
                    .post("/v1/webhooks/paypal/" + tenant).then(), 400, "webhook_signature_invalid");
        }
        // The third in the minute is not sent to PayPal: 503, which PayPal itself would deliver again later.
        expectProblem(given().headers(forged).contentType(ContentType.JSON).body(event)
                .post("/v1/webhooks/paypal/" + tenant).then(), 503, "provider_unavailable");

        String other = "paypal-other-" + UUID.randomUUID();
        PaymentFixtures.configurePayPal(other);
        expectProblem(given().headers(forged).contentType(ContentType.JSON).body(event)
                .post("/v1/webhooks/paypal/" + other).then(), 400, "webhook_signature_invalid");
    }
}
