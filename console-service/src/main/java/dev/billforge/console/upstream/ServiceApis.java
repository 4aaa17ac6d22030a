package dev.billforge.console.upstream;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.billforge.errors.ErrorCode;

/**
 * The five services' public REST APIs, called with the caller's token: the console's only way to read or change
 * anything. Answers are read into the console's records (snake_case JSON); a problem+json answer fails the call with
 * a {@link ServiceProblem} carrying the service's code. Every call counts in
 * {@code billforge_console_upstream_requests_total{service}}, which is how a test sees that a page costs a fixed
 * number of calls.
 */
@ApplicationScoped
public class ServiceApis {

    private static final Logger LOG = Logger.getLogger(ServiceApis.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration IN_USE_FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration IN_USE_MAX_WAIT = Duration.ofMillis(800);
    private static final int IN_USE_RETRIES = 6;

    private final WebClient http;
    private final ObjectMapper json;
    private final ConsoleConfig config;
    private final Caller caller;
    private final Map<BillingService, Counter> requests;

    public ServiceApis(Vertx vertx, ObjectMapper json, ConsoleConfig config, Caller caller, MeterRegistry metrics) {
        this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(50)
                .setUserAgent("billforge-console"));
        this.json = json;
        this.config = config;
        this.caller = caller;
        this.requests = counters(metrics);
    }

    /** {@code GET path?query}, read as {@code type}. */
    public <T> Uni<T> get(BillingService service, String path, Params query, Class<T> type) {
        return call(service, HttpMethod.GET, path + query.render(), null, null, json.constructType(type));
    }

    /** {@code GET path?query} of a list endpoint: one page of {@code item}s. */
    public <T> Uni<ListPage<T>> list(BillingService service, String path, Params query, Class<T> item) {
        return call(service, HttpMethod.GET, path + query.render(), null, null,
                json.getTypeFactory().constructParametricType(ListPage.class, item));
    }

    /**
     * The items of one page of a list endpoint: a batch read by ids, a list that is never paged, or the newest
     * {@code limit} records where a page shows no more (ask for the limit; the services' default page is small).
     */
    public <T> Uni<List<T>> firstPage(BillingService service, String path, Params query, Class<T> item) {
        return this.<T> list(service, path, query, item).map(ListPage::data);
    }

    /**
     * A write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) with a JSON body (or none), its
     * {@code Idempotency-Key} passed through when given.
     */
    public <T> Uni<T> send(BillingService service, HttpMethod method, String path, Object body, String idempotencyKey,
            Class<T> type) {
        Uni<T> sent = call(service, method, path, body, idempotencyKey, json.constructType(type));
        if (idempotencyKey == null) {
            return sent;
        }
        // The same key still in flight (a form submitted twice in a row): asked again shortly, the service then
        // replays the first answer, so both submissions end where the first did.
        return sent.onFailure(failure -> failure instanceof ServiceProblem problem
                && problem.code().equals(ErrorCode.IDEMPOTENCY_KEY_IN_USE.wireName()))
                .retry().withBackOff(IN_USE_FIRST_WAIT, IN_USE_MAX_WAIT).atMost(IN_USE_RETRIES);
    }

    /** A document a service renders (an invoice's PDF): its bytes and how the service described them. */
    public record Document(byte[] content, String contentType, String disposition) {
    }

    /** {@code GET path} of a document, passed on as the service answered it. */
    public Uni<Document> document(BillingService service, String path, String accept) {
        return exchange(service, HttpMethod.GET, path, null, null, accept).map(response -> {
            byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
            if (response.statusCode() >= 400) {
                throw problem(service, response.statusCode(), response.getHeader("Content-Type"), body);
            }
            return new Document(body, response.getHeader("Content-Type"), response.getHeader("Content-Disposition"));
        });
    }

    private <T> Uni<T> call(BillingService service, HttpMethod method, String pathAndQuery, Object body,
            String idempotencyKey, JavaType type) {
        return exchange(service, method, pathAndQuery, body, idempotencyKey, "application/json")
                .map(response -> read(service, response, type));
    }

    private Uni<HttpResponse<Buffer>> exchange(BillingService service, HttpMethod method, String pathAndQuery,
            Object body, String idempotencyKey, String accept) {
        // The caller's request context: active here for resolvers and batch loaders, and carried by Quarkus' context
        // propagation into the Mutiny callbacks of a mutation made of several calls (createInvoice).
        String authorization = caller.authorization();
        caller.charge(config.maxCallsPerRequest());
        URI base = config.baseUri(service);
        HttpRequest<Buffer> request = http.requestAbs(method, base.resolve(pathAndQuery).toString())
                .timeout(config.upstreamTimeout().toMillis())
                .putHeader("Authorization", authorization)
                .putHeader("Accept", accept);
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        requests.get(service).increment();
        Uni<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = request.send();
        } else {
            request.putHeader("Content-Type", method == HttpMethod.PATCH ? "application/merge-patch+json"
                    : "application/json");
            sent = request.sendBuffer(Buffer.buffer(write(body)));
        }
        return sent.onFailure().transform(failure -> unavailable(service, failure));
    }

    private <T> T read(BillingService service, HttpResponse<Buffer> response, JavaType type) {
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
        if (response.statusCode() >= 400) {
            throw problem(service, response.statusCode(), response.getHeader("Content-Type"), body);
        }
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            LOG.errorf(e, "%s answered %d with a body the console cannot read", service.serviceName(),
                    response.statusCode());
            throw ServiceProblem.of(ErrorCode.INTERNAL_ERROR, service.serviceName() + " answered unexpectedly.");
        }
    }

    /** The service's problem+json as a ServiceProblem; anything else (a proxy's page) by its status alone. */
    private ServiceProblem problem(BillingService service, int status, String contentType, byte[] body) {
        if (contentType != null && contentType.startsWith(PROBLEM_JSON)) {
            try {
                JsonNode problem = json.readTree(body);
                List<ServiceProblem.Field> fields = new java.util.ArrayList<>();
                problem.path("errors").forEach(error -> fields.add(new ServiceProblem.Field(error.path("field")
                        .asText(), error.path("code").asText(), error.path("message").asText(null))));
                return new ServiceProblem(problem.path("code").asText(ErrorCode.forHttpStatus(status).wireName()),
                        problem.path("status").asInt(status), problem.path("detail").asText(""), fields);
            } catch (IOException e) {
                LOG.warnf("%s answered %d with an unreadable problem", service.serviceName(), status);
            }
        }
        ErrorCode code = switch (status) {
            case 429 -> ErrorCode.RATE_LIMITED;
            case 502, 503, 504 -> ErrorCode.UPSTREAM_UNAVAILABLE;
            default -> ErrorCode.forHttpStatus(status);
        };
        return ServiceProblem.of(code, code.meaning());
    }

    private ServiceProblem unavailable(BillingService service, Throwable failure) {
        LOG.warnf("%s did not answer: %s", service.serviceName(), failure.toString());
        return ServiceProblem.of(ErrorCode.UPSTREAM_UNAVAILABLE, service.serviceName() + " did not answer; try again.");
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a request body", e);
        }
    }

    private static Map<BillingService, Counter> counters(MeterRegistry metrics) {
        Map<BillingService, Counter> counters = new EnumMap<>(BillingService.class);
        for (BillingService service : BillingService.values()) {
            counters.put(service, Counter.builder("billforge.console.upstream.requests")
                    .description("REST calls the console made to a service")
                    .tag("service", service.serviceName()).register(metrics));
        }
        return counters;
    }
}
