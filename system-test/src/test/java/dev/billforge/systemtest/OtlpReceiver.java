package dev.billforge.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP trace receiver, standing in for the collector the chart points the services at: it takes what
 * the services' exporters POST to {@code /v1/traces} (protobuf, decoded with opentelemetry-proto) and keeps each span.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span: which service sent it, and where it sits in its trace. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            List<String> linkedTraceIds) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    /** Why requests were refused (not OTLP/protobuf): a test that finds no spans says so. */
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream raw = exchange.getRequestBody();
                        InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders()
                                .getFirst("Content-Encoding")) ? new java.util.zip.GZIPInputStream(raw) : raw) {
                    receiver.receive(ExportTraceServiceRequest.parseFrom(body));
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
                } catch (IOException | RuntimeException | LinkageError e) {
                    receiver.refused.add(e.toString());
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the services' OTLP exporters send (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** What the receiver took and refused so far, for a failure message. */
    String summary() {
        return spans.size() + " spans received, " + spans.stream().map(ReceivedSpan::traceId).distinct().count()
                + " traces; refused: " + refused;
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(attribute -> attribute.getKey().equals("service.name")).map(KeyValue::getValue)
                    .map(value -> value.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service,
                        hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                        span.getLinksList().stream().map(link -> hex.formatHex(link.getTraceId().toByteArray()))
                                .toList())));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
