import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Billforge's benchmark, run against the local stack (bench/run.sh). Single-file JDK program: no dependencies.
 *
 * <p>1. Create-subscription latency through the ingress at a fixed request rate (open loop: each request is sent
 * at its scheduled time whether or not earlier ones have answered, and its latency counts from that scheduled
 * time, so a stall shows up in the percentiles instead of silently lowering the rate).
 * <p>2. Time from {@code subscription.created} (the subscription's created_at) to its receipt notification
 * (the notification's created_at), over every measured subscription: the whole Kafka choreography of
 * invoicing, charging and notifying.
 *
 * <p>Usage: java BillingBench.java GATEWAY_URL TOKEN [rate=500] [subscriptions=1000] [warmup=300]
 */
public class BillingBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int PLANS = 10;

    static String gateway;
    static String token;

    public static void main(String[] args) throws Exception {
        gateway = args[0];
        token = args[1];
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 300;
        int total = warmup + measured;

        System.out.printf("Setup: %d plans, %d customers with a tok_visa card...%n", PLANS, (total + PLANS - 1) / PLANS);
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < PLANS; i++) {
            plans.add(id(post("/v1/plans", "{\"name\":\"Bench " + i + "\",\"amount\":1999,\"currency\":\"USD\",\"interval\":\"month\"}")));
        }
        List<String> customers = Collections.synchronizedList(new ArrayList<>());
        parallel((total + PLANS - 1) / PLANS, 16, i -> {
            String customer = id(post("/v1/customers", "{\"billing_email\":\"bench" + i + "-" + UUID.randomUUID() + "@example.com\"}"));
            post("/v1/payment-methods", "{\"customer_id\":\"" + customer + "\",\"provider\":\"simulator\",\"token\":\"tok_visa\"}");
            customers.add(customer);
        });

        System.out.printf("Warm-up: %d subscriptions at %d/s (not counted)...%n", warmup, rate);
        Map<String, Instant> warm = subscribeAtRate(customers, plans, 0, warmup, rate, new long[warmup], new AtomicInteger());
        awaitReceipts(warm, Duration.ofMinutes(3));

        System.out.printf("Measured: %d subscriptions at %d/s through %s...%n", measured, rate, gateway);
        long[] latencies = new long[measured];
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Map<String, Instant> created = subscribeAtRate(customers, plans, warmup, measured, rate, latencies, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Instant> receipts = awaitReceipts(created, Duration.ofMinutes(5));

        long[] eventToReceipt = created.entrySet().stream().filter(e -> receipts.containsKey(e.getKey()))
                .mapToLong(e -> Duration.between(e.getValue(), receipts.get(e.getKey())).toNanos()).toArray();
        System.out.println();
        System.out.println("== Billforge bench ==");
        System.out.printf("create subscription (POST /v1/subscriptions via ingress): %d requests at %d/s target, %.0f/s achieved, %d errors%n",
                measured, rate, measured / seconds, errors.get());
        report("  latency", latencies);
        System.out.printf("subscription.created -> receipt notification: %d of %d subscriptions%n", eventToReceipt.length, created.size());
        report("  time", eventToReceipt);
        System.out.println("targets: create p99 < 25 ms at 500/s; event-to-notification p99 < 500 ms");
    }

    /** Sends subscription i at start + i/rate; returns subscription id -> created_at of the 201s. */
    static Map<String, Instant> subscribeAtRate(List<String> customers, List<String> plans, int offset, int count, int rate,
            long[] latencies, AtomicInteger errors) throws Exception {
        Map<String, Instant> created = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String body = "{\"customer_id\":\"" + customers.get(n / PLANS) + "\",\"plan_id\":\"" + plans.get(n % PLANS) + "\"}";
            int slot = i;
            inFlight.add(HTTP.sendAsync(request("/v1/subscriptions").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        latencies[slot] = System.nanoTime() - due;
                        if (failure != null || response.statusCode() != 201) {
                            errors.incrementAndGet();
                            if (errors.get() <= 3) {
                                System.err.println("error: " + (failure != null ? failure : response.statusCode() + " " + response.body()));
                            }
                        } else {
                            Map<String, Object> json = Json.object(response.body());
                            created.put((String) json.get("id"), Instant.parse((String) json.get("created_at")));
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return created;
    }

    /** Polls the receipt notifications until every subscription has one (or the deadline); id -> created_at. */
    static Map<String, Instant> awaitReceipts(Map<String, Instant> subscriptions, Duration deadline) throws Exception {
        Map<String, Instant> receipts = new HashMap<>();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            receipts.clear();
            String after = null;
            while (true) {
                String page = get("/v1/notifications?type=payment_receipt&limit=100" + (after == null ? "" : "&starting_after=" + after));
                Map<String, Object> json = Json.object(page);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> data = (List<Map<String, Object>>) json.get("data");
                for (Map<String, Object> notification : data) {
                    Object subscription = notification.get("subscription_id");
                    if (subscription != null && subscriptions.containsKey(subscription)) {
                        receipts.put((String) subscription, Instant.parse((String) notification.get("created_at")));
                    }
                }
                if (!Boolean.TRUE.equals(json.get("has_more")) || data.isEmpty()) {
                    break;
                }
                after = (String) data.get(data.size() - 1).get("id");
            }
            if (receipts.keySet().containsAll(subscriptions.keySet())) {
                break;
            }
            Thread.sleep(500); // a polling interval, not synchronisation: the deadline bounds it
        }
        return receipts;
    }

    static void report(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n", what,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(int count, int threads, Task task) throws Exception {
        Semaphore permits = new Semaphore(threads);
        List<Thread> started = new ArrayList<>();
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            permits.acquire();
            int n = i;
            started.add(Thread.ofVirtual().start(() -> {
                try {
                    task.run(n);
                } catch (Exception e) {
                    failures.add(e);
                } finally {
                    permits.release();
                }
            }));
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    static String post(String path, String body) throws Exception {
        var response = HTTP.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String get(String path) throws Exception {
        var response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String id(String json) {
        return (String) Json.object(json).get("id");
    }

    /** Just enough JSON reading for API responses: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(String text) {
            return (Map<String, Object>) new Json(text).value();
        }

        private Object value() {
            skip();
            char c = text.charAt(pos);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                pos++;
                skip();
                if (text.charAt(pos) == '}') { pos++; return map; }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    pos++; // :
                    map.put(key, value());
                    skip();
                    if (text.charAt(pos++) == '}') return map;
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                pos++;
                skip();
                if (text.charAt(pos) == ']') { pos++; return list; }
                while (true) {
                    list.add(value());
                    skip();
                    if (text.charAt(pos++) == ']') return list;
                }
            }
            if (c == '"') return string();
            int start = pos;
            while (pos < text.length() && ",}] \n\r\t".indexOf(text.charAt(pos)) < 0) pos++;
            String token = text.substring(start, pos);
            return switch (token) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> token.contains(".") ? (Object) Double.valueOf(token) : (Object) Long.valueOf(token);
            };
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (true) {
                char c = text.charAt(pos++);
                if (c == '"') return out.toString();
                if (c == '\\') {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> { out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }
    }
}
