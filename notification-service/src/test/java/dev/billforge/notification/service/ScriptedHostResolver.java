package dev.billforge.notification.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.Mock;

/**
 * The tests' DNS: names under {@code .rebind.test} (which no real resolver knows) answer what a test scripted, one
 * answer per lookup, the last one repeating; every other name is looked up for real. So a delivery that reaches a
 * {@code .rebind.test} host proves that nothing but the policy resolved its name.
 */
@Mock
public class ScriptedHostResolver extends WebhookHostResolver {

    private static final Map<String, List<String>> SCRIPTS = new ConcurrentHashMap<>();
    private static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    static void script(String host, String... answers) {
        SCRIPTS.put(host, new CopyOnWriteArrayList<>(List.of(answers)));
    }

    static long lookups(String host) {
        return LOOKUPS.stream().filter(host::equals).count();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (!host.endsWith(".rebind.test")) {
            return super.resolve(host);
        }
        LOOKUPS.add(host);
        List<String> answers = SCRIPTS.get(host);
        if (answers == null || answers.isEmpty()) {
            throw new UnknownHostException(host);
        }
        String answer = answers.size() > 1 ? answers.remove(0) : answers.get(0);
        return new InetAddress[] { InetAddress.getByName(answer) };
    }
}
