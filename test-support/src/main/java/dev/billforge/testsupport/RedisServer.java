package dev.billforge.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A real Redis for tests: the machine's server on 127.0.0.1:6379 when it answers, else a {@code redis-server} from
 * the PATH (Debian's package) on a free port, keeping nothing on disk and stopped by {@link #close()}.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Process started;

    private RedisServer(int port, Process started) {
        this.port = port;
        this.started = started;
    }

    public static RedisServer ensureRunning() {
        if (answers(6379)) {
            return new RedisServer(6379, null);
        }
        int port = freePort();
        return new RedisServer(port, startRedis(port));
    }

    /** For {@code quarkus.redis.hosts} or {@code BILLFORGE_REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (started != null) {
            started.destroy();
        }
    }

    private static Process startRedis(int port) {
        try {
            Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("redis-test", ".log").toFile())
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!answers(port)) {
                if (!redis.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                Thread.sleep(50); // polling a port with a deadline: there is nothing to wait on instead
            }
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("No Redis on 127.0.0.1:6379 and no redis-server to start"
                    + " (Debian: apt-get install redis-server)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
