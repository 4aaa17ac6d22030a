package dev.billforge.testsupport.mail;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) inside the test JVM, on a free loopback port, with the service's mailer pointed at
 * it: emails are sent over SMTP and read back with {@link #greenMail()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;

    @Override
    public Map<String, String> start() {
        GreenMail started = start(0);
        server = started;
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(started.getSmtp().getPort()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false");
    }

    /** A GreenMail SMTP server on {@code port} (0: any free one), started. */
    public static GreenMail start(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail started = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp);
        started.start();
        return started;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The running server, to read what was sent. */
    public static GreenMail greenMail() {
        return server;
    }
}
