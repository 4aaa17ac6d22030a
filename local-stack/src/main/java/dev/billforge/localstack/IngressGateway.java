package dev.billforge.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import org.yaml.snakeyaml.Yaml;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local stand-in for the Kubernetes ingress: routes {@code /v1/<resource>...} to the owning service by the same
 * route table the Helm chart renders its Ingress from ({@code deploy/helm/billforge/routes.yaml}), so the two cannot
 * drift. A plain JDK HTTP server and client: no nginx to install, nothing to configure, starts in milliseconds.
 */
public final class IngressGateway implements AutoCloseable {

    /** Hop-by-hop headers (RFC 9110 §7.6.1) and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

    private final HttpServer server;
    private final HttpClient client;
    private final List<Route> routes;

    public record Route(String prefix, String service, URI upstream) {
    }

    private IngressGateway(HttpServer server, List<Route> routes) {
        this.server = server;
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
                .toList();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * Starts the gateway on {@code port}.
     *
     * @param routeTable the chart's routes.yaml
     * @param upstreams service name to base URL, for the services running locally
     */
    public static IngressGateway start(int port, Path routeTable, Map<String, URI> upstreams) {
        List<Route> routes = readRoutes(routeTable, upstreams);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            IngressGateway gateway = new IngressGateway(server, routes);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on port " + port, e);
        }
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Route route = routes.stream().filter(r -> path.equals(r.prefix()) || path.startsWith(r.prefix() + "/"))
                    .findFirst().orElse(null);
            if (route == null) {
                problem(exchange, 404, "not_found", "No service serves " + path);
                return;
            }
            forward(exchange, route);
        }
    }

    private void forward(HttpExchange exchange, Route route) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = route.upstream().resolve(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-Host", exchange.getRequestHeaders().getFirst("Host") == null ? ""
                : exchange.getRequestHeaders().getFirst("Host"));
        request.header("X-Forwarded-Proto", "http");
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            problem(exchange, 502, "upstream_unavailable", route.service() + " is not answering");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(exchange, 502, "upstream_unavailable", route.service() + " did not answer");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] responseBody = response.body();
        boolean noBody = responseBody.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : responseBody.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(responseBody);
            }
        }
    }

    private static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        byte[] body = ("{\"type\":\"https://docs.billforge.dev/errors/" + code + "\",\"title\":\"" + code
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port it listens on (the one asked for, or the one chosen when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
