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
 * <p>3. The bill run ({@code bill-run} mode, bench/bill-run.sh): seeds monthly subscriptions for several tenants
 * through the API (not timed), moves the business clock past their period end, and times renewal, invoicing,
 * charging, payment and the receipt of every one of them, reading progress from each service's tables with psql.
 *
 * <p>4. The console's GraphQL ({@code graphql} mode, bench/graphql.sh): a page of 50 subscriptions with each one's
 * plan, customer and latest invoice, asked at a fixed rate through the ingress (open loop, as 1).
 *
 * <p>Usage: java BillingBench.java GATEWAY_URL TOKEN [rate=500] [subscriptions=1000] [warmup=300]
 * <br>or: java BillingBench.java bill-run GATEWAY_URL PSQL_URL SUBSCRIPTIONS RUNS TENANT_PREFIX OPERATOR_TOKEN TOKEN...
 * <br>or: java BillingBench.java graphql GATEWAY_URL TOKEN [rate=50] [seconds=60] [warmup-seconds=15]
 */
public class BillingBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int PLANS = 10;

    static String gateway;
    static String token;

    /**
     * Runs the bench, printing any failure itself: the JDK's source launcher trims the stack trace of an exception
     * that leaves main and can hide it altogether (an IllegalArgumentException "0 > -1" of its own).
     */
    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("bill-run")) {
                BillRun.run(args);
            } else if (args.length > 0 && args[0].equals("graphql")) {
                GraphQLPage.run(args);
            } else {
                createLatency(args);
            }
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void createLatency(String[] args) throws Exception {
        gateway = args[0];
        token = args[1];
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 300;
        int total = warmup + measured;

        awaitGateway(token);
        System.out.printf("Setup: %d plans, %d customers with a tok_visa card...%n", PLANS, (total + PLANS - 1) / PLANS);
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < PLANS; i++) {
            plans.add(id(post("/v1/plans", "{\"name\":\"Bench " + i + "\",\"amount\":1999,\"currency\":\"USD\",\"interval\":\"month\"}")));
        }
        List<String> customers = Collections.synchronizedList(new ArrayList<>());
        parallel((total + PLANS - 1) / PLANS, 16, i -> {
            String customer = id(post("/v1/customers", "{\"billing_email\":\"bench" + i + "@example.com\"}"));
            attachCard(token, customer);
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
            long[] latencies, AtomicInteger errors) {
        Map<String, Instant> created = new ConcurrentHashMap<>();
        atRate(count, rate, latencies, errors, i -> {
            int n = offset + i;
            String body = "{\"customer_id\":\"" + customers.get(n / PLANS) + "\",\"plan_id\":\"" + plans.get(n % PLANS) + "\"}";
            return request("/v1/subscriptions").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }, response -> {
            if (response.statusCode() != 201) {
                return false;
            }
            Map<String, Object> json = Json.object(response.body());
            created.put((String) json.get("id"), Instant.parse((String) json.get("created_at")));
            return true;
        });
        return created;
    }

    /**
     * The open loop: sends request i at start + i/rate whether or not earlier ones have answered, records each
     * latency from its scheduled time, and counts the answers {@code ok} refuses (printing the first three).
     */
    static void atRate(int count, int rate, long[] latencies, AtomicInteger errors,
            java.util.function.IntFunction<HttpRequest> requestOf,
            java.util.function.Predicate<HttpResponse<String>> ok) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            inFlight.add(HTTP.sendAsync(requestOf.apply(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        latencies[slot] = System.nanoTime() - due;
                        if (failure != null || !ok.test(response)) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("error: " + (failure != null ? failure : response.statusCode() + " " + response.body()));
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
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
        return request(token, path);
    }

    static HttpRequest.Builder request(String bearer, String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
    }

    static String post(String path, String body) throws Exception {
        return post(token, path, body);
    }

    static String post(String bearer, String path, String body) throws Exception {
        var response = HTTP.send(request(bearer, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Waits until the ingress and the services behind it answer (a stack that was just started is still
     * connecting to Kafka), failing with a clear message after two minutes.
     */
    static void awaitGateway(String bearer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var response = HTTP.send(request(bearer, "/v1/plans?limit=1").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The platform at " + gateway + " did not answer GET /v1/plans within two"
                + " minutes (last: " + last + "); is deploy/local/up.sh running?");
    }

    /**
     * Gives a customer created a moment ago a tok_visa card; see {@link #postForNewCustomer}.
     */
    static void attachCard(String bearer, String customer) throws Exception {
        postForNewCustomer(bearer, "/v1/payment-methods", "{\"customer_id\":\"" + customer
                + "\",\"provider\":\"simulator\",\"token\":\"tok_visa\"}", customer);
    }

    /**
     * POSTs something about a customer created a moment ago. Other services learn of customers from Kafka; under
     * load or on a freshly started stack that can take longer than the API waits, so a 404 is retried for up to a
     * minute before failing with a clear message.
     */
    static String postForNewCustomer(String bearer, String path, String body, String customer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            var response = HTTP.send(request(bearer, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return response.body();
            }
            if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body() + (response.statusCode() == 404 ? " (the service never heard of customer "
                        + customer + " within a minute: is the stack's Kafka consumer running?)" : ""));
            }
            Thread.sleep(250);
        }
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

    /**
     * bench/graphql.sh: seeds 50 subscriptions (5 customers with cards, 10 plans), waits for their first invoices,
     * then asks console-service for the page of 50 with each one's plan, customer and latest invoice at a fixed rate.
     * Every answer must be a 200 with 50 nodes and no errors.
     */
    static final class GraphQLPage {

        private static final String QUERY = "{ subscriptions(first: 50) { pageInfo { hasNextPage endCursor }"
                + " nodes { id status currentPeriodStart currentPeriodEnd plan { name amount currency interval }"
                + " customer { billingEmail name } latestInvoice { number status amountDue currency } } } }";
        private static final int CUSTOMERS = 5;

        static void run(String[] args) throws Exception {
            gateway = args[1];
            token = args[2];
            int rate = args.length > 3 ? Integer.parseInt(args[3]) : 50;
            int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
            int warmupSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 15;
            awaitGateway(token);

            System.out.printf("Setup: %d plans, %d customers with a tok_visa card, %d subscriptions...%n", PLANS,
                    CUSTOMERS, PLANS * CUSTOMERS);
            List<String> plans = new ArrayList<>();
            for (int i = 0; i < PLANS; i++) {
                plans.add(id(post("/v1/plans", "{\"name\":\"Page " + i + "\",\"amount\":" + (1000 + i)
                        + ",\"currency\":\"USD\",\"interval\":\"month\"}")));
            }
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = id(post("/v1/customers", "{\"billing_email\":\"page" + c + "@example.com\","
                        + "\"name\":\"Page customer " + c + "\"}"));
                attachCard(token, customer);
                for (String plan : plans) {
                    postForNewCustomer(token, "/v1/subscriptions", "{\"customer_id\":\"" + customer
                            + "\",\"plan_id\":\"" + plan + "\"}", customer);
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (((List<?>) Json.object(get("/v1/invoices?limit=100")).get("data")).size() < PLANS * CUSTOMERS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The 50 first invoices did not all appear within two minutes");
                }
                Thread.sleep(500); // a polling interval, not synchronisation: the deadline bounds it
            }

            String body = "{\"query\":\"" + QUERY.replace("\"", "\\\"") + "\"}";
            java.util.function.IntFunction<HttpRequest> page = i -> request("/graphql")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            java.util.function.Predicate<HttpResponse<String>> ok = response -> response.statusCode() == 200
                    && !response.body().contains("\"errors\"") && response.body().split("\"billingEmail\"").length == 51;

            System.out.printf("Warm-up: %d s at %d/s (not counted)...%n", warmupSeconds, rate);
            atRate(warmupSeconds * rate, rate, new long[warmupSeconds * rate], new AtomicInteger(), page, ok);
            int count = seconds * rate;
            System.out.printf("Measured: %d s at %d/s through %s/graphql...%n", seconds, rate, gateway);
            long[] latencies = new long[count];
            AtomicInteger errors = new AtomicInteger();
            long start = System.nanoTime();
            atRate(count, rate, latencies, errors, page, ok);
            double took = (System.nanoTime() - start) / 1e9;
            System.out.println();
            System.out.println("== Billforge GraphQL bench ==");
            System.out.printf("page of 50 subscriptions with plan, customer and latest invoice: %d requests at %d/s"
                    + " target, %.0f/s achieved, %d errors%n", count, rate, count / took, errors.get());
            report("  latency", latencies);
            System.out.println("target: p99 < 100 ms at 50/s");
        }
    }

    /**
     * bench/bill-run.sh: seeds monthly subscriptions for several tenants through the API, waits until each has its
     * first receipt, moves each tenant's business clock past their period end, and times each stage of every renewal from the
     * move: renewed (subscription-service's period ledger), invoiced, charged, paid and notified (the receipt),
     * reading the services' tables with psql, and Postgres commits per second over the run.
     */
    static final class BillRun {

        private static final String[] STAGES = { "renewed", "invoiced", "charged", "paid", "notified" };
        /** Requests in flight while seeding: enough to keep both cores of a small machine busy through the ingress. */
        private static final int SEEDING_CLIENTS = 32;

        static void run(String[] args) throws Exception {
            gateway = args[1];
            String database = args[2];
            int total = Integer.parseInt(args[3]);
            int cycles = Math.max(1, Integer.parseInt(args[4]));
            String prefix = args[5];
            String operatorToken = args[6];
            // Tenant i (from 1) is prefix + i, in the order of its token.
            List<String> tokens = List.of(args).subList(7, args.length);
            awaitGateway(tokens.get(0));

            System.out.printf("Seeding %d monthly subscriptions for %d tenants through the API (not timed)...%n",
                    total, tokens.size());
            long seedStart = System.nanoTime();
            List<String> plans = new ArrayList<>();
            for (String tenantToken : tokens) {
                plans.add(id(post(tenantToken, "/v1/plans",
                        "{\"name\":\"Bill run\",\"amount\":1999,\"currency\":\"USD\",\"interval\":\"month\"}")));
            }
            // In phases, each one all customers wide: a card is attached once payment-service has heard of its
            // customer from Kafka, and by the time the last customer is created the first ones are known, so the
            // cards rarely wait (a card right after its customer waited for the directory almost every time).
            String[] customers = new String[total];
            parallel(total, SEEDING_CLIENTS, i -> customers[i] = id(post(tokens.get(i % tokens.size()),
                    "/v1/customers", "{\"billing_email\":\"billrun" + i + "@example.com\"}")));
            double customersAt = (System.nanoTime() - seedStart) / 1e9;
            parallel(total, SEEDING_CLIENTS, i -> attachCard(tokens.get(i % tokens.size()), customers[i]));
            double cardsAt = (System.nanoTime() - seedStart) / 1e9;
            parallel(total, SEEDING_CLIENTS, i -> postForNewCustomer(tokens.get(i % tokens.size()),
                    "/v1/subscriptions", "{\"customer_id\":\"" + customers[i] + "\",\"plan_id\":\""
                            + plans.get(i % tokens.size()) + "\"}", customers[i]));
            double subscriptionsAt = (System.nanoTime() - seedStart) / 1e9;
            String tenants = tenantList(prefix, tokens.size());
            long[] seeded = awaitStages("seeding (first periods)", database, tenants, new long[6], total,
                    Duration.ofMinutes(30 + total / 1000), null);
            System.out.printf("Seeded in %.1f s: every subscription active with its first receipt (customers created"
                    + " by %.1f s, cards by %.1f s, subscriptions by %.1f s).%n",
                    (System.nanoTime() - seedStart) / 1e9, customersAt, cardsAt, subscriptionsAt);

            // What autovacuum would have done by now on a production database (some machines run Postgres with it
            // off): statistics for the planner and the seeding's dead rows gone. Not timed.
            psql(database, "VACUUM (ANALYZE)");
            long[] before = counts(database, tenants, new boolean[STAGES.length], seeded); // the VACUUM's commits out
            for (int cycle = 1; cycle <= cycles; cycle++) {
                before = billRun(cycle, cycles, operatorToken, prefix, tokens.size(), database, tenants, total, before);
            }
        }

        /**
         * One bill run: moves every tenant's clock past the end of the current periods and times each stage of every
         * renewal from the first move. The first run after start-up also pays for the JIT compiling the services' hot
         * paths; later ones show the warm cost.
         */
        private static long[] billRun(int cycle, int cycles, String operatorToken, String prefix, int tenantCount,
                String database, String tenants, int total, long[] before) throws Exception {
            // Each tenant's clock is its own: move every one, timing from the first move. Monthly periods are 28-31
            // days, so each 32 days renew every subscription once more (for a dozen runs or so).
            long moved = System.nanoTime();
            for (int tenant = 1; tenant <= tenantCount; tenant++) {
                post(operatorToken, "/v1/test-clock/advance",
                        "{\"tenant_id\":\"" + prefix + tenant + "\",\"advance_by\":\"P32D\"}");
            }
            long[] doneAt = new long[STAGES.length];
            long[] end = awaitStages("bill run", database, tenants, before, total, Duration.ofMinutes(60), doneAt);
            // The run ends when its last stage does: an invoice can be marked paid after its receipt was recorded.
            double seconds = (java.util.Arrays.stream(doneAt).max().orElseThrow() - moved) / 1e9;

            System.out.println();
            System.out.println("== Billforge bill run" + (cycles > 1 ? " " + cycle + " of " + cycles : "") + " ==");
            for (int stage = 0; stage < STAGES.length; stage++) {
                double at = (doneAt[stage] - moved) / 1e9;
                System.out.printf("  %-9s %7d in %7.1f s  %8.1f/s%n", STAGES[stage], total, at, total / at);
            }
            System.out.printf("  postgres  %7d commits in %.1f s: %.0f commits/s (%.1f per subscription)%n",
                    end[5] - before[5], seconds, (end[5] - before[5]) / seconds,
                    (end[5] - before[5]) / (double) total);
            System.out.printf("bill-run: %d subscriptions renewed, invoiced, charged, paid and notified in %.1f s"
                    + " (%.0f/s)%n",
                    total, seconds, total / seconds);
            return end;
        }

        /**
         * Polls the counts until every stage has {@code total} more than {@code base}; records when each got there
         * in {@code doneAt} (when given). Returns the last counts.
         */
        private static long[] awaitStages(String phase, String database, String tenants, long[] base, int total,
                Duration deadline, long[] doneAt) throws Exception {
            long giveUp = System.nanoTime() + deadline.toNanos();
            long lastReport = System.nanoTime();
            long[] counts = new long[STAGES.length + 1];
            boolean[] finished = new boolean[STAGES.length];
            while (true) {
                counts = counts(database, tenants, finished, counts);
                boolean all = true;
                for (int stage = 0; stage < STAGES.length; stage++) {
                    finished[stage] = counts[stage] - base[stage] >= total;
                    if (finished[stage] && doneAt != null && doneAt[stage] == 0) {
                        doneAt[stage] = System.nanoTime();
                    }
                    all &= finished[stage];
                }
                if (all) {
                    return counts;
                }
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("Not every stage reached " + total + " within " + deadline
                            + ": " + java.util.Arrays.toString(counts) + " over " + java.util.Arrays.toString(base));
                }
                if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
                    StringBuilder progress = new StringBuilder("  ... ").append(phase).append(':');
                    for (int stage = 0; stage < STAGES.length; stage++) {
                        progress.append(' ').append(STAGES[stage]).append(' ').append(counts[stage] - base[stage]);
                    }
                    System.out.println(progress);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(500); // a polling interval, not synchronisation: the deadline bounds it
            }
        }

        /** Runs one statement with psql; returns what it printed (unaligned, comma-separated, no headers). */
        private static String psql(String database, String statement) throws Exception {
            Process psql = new ProcessBuilder("psql", database, "-X", "-A", "-t", "-F", ",", "-c", statement)
                    .redirectErrorStream(true).start();
            String out = new String(psql.getInputStream().readAllBytes()).trim();
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return out;
        }

        /** The run's tenants as an SQL list: {@code 'prefix1', 'prefix2', ...}. */
        private static String tenantList(String prefix, int tenants) {
            StringBuilder list = new StringBuilder();
            for (int i = 1; i <= tenants; i++) {
                list.append(i > 1 ? ", " : "").append('\'').append((prefix + i).replace("'", "''")).append('\'');
            }
            return list.toString();
        }

        /**
         * renewed, invoiced, charged, paid, notified (cumulative, for the run's tenants) and Postgres commits; a
         * finished stage keeps its last count. The tenants are named, not matched by prefix, so each count reads the
         * services' tenant-leading indexes: scanning whole tables four times a second (as this bench once did) cost
         * Postgres more than the bill run it measured.
         */
        private static long[] counts(String database, String tenants, boolean[] finished, long[] last)
                throws Exception {
            String in = " tenant_id IN (" + tenants + ")";
            String[] stages = {
                    "SELECT count(*) FROM subscription.subscription_period WHERE subscription_id IN"
                            + " (SELECT id FROM subscription.subscription WHERE" + in + ")"
                            + " AND billing_reason IN ('first_period', 'subscription_cycle')",
                    "SELECT count(*) FROM invoicing.invoice WHERE" + in + " AND number IS NOT NULL",
                    "SELECT count(*) FROM payment.payment WHERE" + in + " AND status = 'succeeded'",
                    "SELECT count(*) FROM invoicing.invoice WHERE" + in + " AND status = 'paid'",
                    "SELECT count(*) FROM notification.notification WHERE" + in + " AND type = 'payment_receipt'" };
            StringBuilder sql = new StringBuilder("SELECT");
            for (int stage = 0; stage < stages.length; stage++) { // a finished stage is not counted again
                sql.append(" (").append(finished[stage] ? String.valueOf(last[stage]) : stages[stage]).append("),");
            }
            sql.append(" (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())");
            String[] fields = psql(database, sql.toString()).split(",");
            long[] counts = new long[fields.length];
            for (int i = 0; i < fields.length; i++) {
                counts[i] = Long.parseLong(fields[i].trim());
            }
            return counts;
        }
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
