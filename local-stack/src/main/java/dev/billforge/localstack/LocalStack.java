package dev.billforge.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for deploy/local/up.sh. Each command runs in the foreground until it is killed (up.sh backgrounds it
 * and records its pid; down.sh kills exactly that pid, and the shutdown hook stops what the command started).
 * <pre>
 *   postgres --port 5432 --data DIR --database NAME     use the server on the port, or run an embedded one there
 *   kafka    --port 9092 --dir DIR                      run a KRaft broker
 *   gateway  --port 8080 --routes FILE name=url...      run the ingress stand-in
 * </pre>
 */
public final class LocalStack {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LocalStack postgres|kafka|gateway [options]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, URI> upstreams = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (args[i].contains("=")) {
                upstreams.put(args[i].substring(0, args[i].indexOf('=')), URI.create(args[i].substring(args[i].indexOf('=') + 1)));
            }
        }
        switch (args[0]) {
            case "postgres" -> {
                PostgresServer postgres = PostgresServer.ensureRunning("127.0.0.1",
                        Integer.parseInt(options.getOrDefault("port", "5432")), Path.of(options.get("data")));
                postgres.createDatabaseIfMissing(options.getOrDefault("database", "billforge"));
                if (!postgres.embedded()) {
                    System.out.println("postgres: using the server already on " + postgres.host() + ":" + postgres.port());
                    return; // nothing of ours to keep running
                }
                System.out.println("postgres: embedded server on port " + postgres.port());
                runUntilKilled(postgres::close);
            }
            case "kafka" -> {
                KafkaBroker broker = KafkaBroker.start(Path.of(options.get("dir")),
                        Integer.parseInt(options.getOrDefault("port", "9092")));
                System.out.println("kafka: broker on " + broker.bootstrapServers());
                runUntilKilled(broker::stop);
            }
            case "gateway" -> {
                IngressGateway gateway = IngressGateway.start(Integer.parseInt(options.getOrDefault("port", "8080")),
                        Path.of(options.get("routes")), upstreams);
                gateway.routes().forEach(route -> System.out.println(
                        "gateway: " + route.prefix() + " -> " + route.service() + " at " + route.upstream()));
                runUntilKilled(gateway::close);
            }
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void runUntilKilled(Runnable onShutdown) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(onShutdown));
        forever.await();
    }

    private LocalStack() {
    }
}
