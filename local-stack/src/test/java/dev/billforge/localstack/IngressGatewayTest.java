package dev.billforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** The ingress stand-in against a real upstream on loopback: what it forwards, and what it answers itself. */
class IngressGatewayTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer upstream;
    private IngressGateway gateway;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        // An upstream that echoes what reached it: method, path and query, the forwarded host, a cookie's length.
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", exchange -> {
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                    + exchange.getRequestHeaders().getFirst("X-Forwarded-Host") + " cookie="
                    + (cookie == null ? 0 : cookie.length()) + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - prefix: /v1/customers
                    service: customer-service
                  - prefix: /v1/invoices
                    service: invoicing-service
                """);
        gateway = IngressGateway.start(0, routes, Map.of(
                "customer-service", URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()),
                // Nothing listens on port 1: the route exists, its service does not answer.
                "invoicing-service", URI.create("http://127.0.0.1:1")));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.stop(0);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    @Test
    void forwardsTheRequestAndRelaysTheWholeAnswer() throws Exception {
        // A cookie as large as a console sign-in's stays within the gateway's header limit.
        String cookie = "session=" + "x".repeat(30_000);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(at("/v1/customers/c1?expand=x"))
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"A\"}")));

        assertEquals(201, answer.statusCode());
        assertEquals("POST /v1/customers/c1?expand=x host=127.0.0.1:" + gateway.port() + " cookie=" + cookie.length()
                + " body={\"name\":\"A\"}", answer.body());
        assertEquals(2, answer.headers().allValues("Set-Cookie").size());
    }

    @Test
    void answersAnUnknownPathAndASilentServiceWithProblems() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(at("/v1/nothing")));
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(unknown.body().contains("\"code\":\"not_found\""), unknown.body());

        HttpResponse<String> silent = send(HttpRequest.newBuilder(at("/v1/invoices")));
        assertEquals(502, silent.statusCode());
        assertTrue(silent.body().contains("\"code\":\"upstream_unavailable\""), silent.body());
    }
}
