package dev.billforge.notification.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps tenants' webhook URLs pointed at the public internet: a URL that resolves to a loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unique-local or multicast address would let a tenant make our
 * servers call into our own network (SSRF). Checked when an endpoint is created and again before every delivery,
 * since DNS may change; the delivery then connects to the address checked here, never resolving the name again
 * (see {@link Verdict}), so an answer that changes between the check and the connection (DNS rebinding) is
 * harmless. Loopback (and plain http to it) is allowed only when configured, for tests and the local
 * stack; public endpoints must use https.
 */
@ApplicationScoped
public class WebhookUrlPolicy {

    private final boolean allowLoopback;
    private final WebhookHostResolver resolver;

    public WebhookUrlPolicy(NotificationSettings settings, WebhookHostResolver resolver) {
        this.allowLoopback = settings.webhooks().allowLoopback();
        this.resolver = resolver;
    }

    /**
     * The outcome of a check: a refusal, or the URL with the address it was checked at, which is where a delivery
     * connects (the name stays in the Host header and in TLS's SNI and certificate check).
     */
    public record Verdict(String refusal, URI uri, InetAddress address) {
        static Verdict refused(String reason) {
            return new Verdict(reason, null, null);
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    /** Why {@code url} may not receive webhooks, or empty when it may. Resolves the host: call it off the event loop. */
    public Optional<String> refusal(String url) {
        return Optional.ofNullable(check(url).refusal());
    }

    /** Checks {@code url} and every address its host resolves to now. Resolves the host: call it off the event loop. */
    public Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refused("it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return Verdict.refused("it must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return Verdict.refused("it must not carry credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return Verdict.refused("its host does not resolve");
        }
        if (addresses.length == 0) {
            return Verdict.refused("its host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!allowLoopback) {
                    return Verdict.refused("it resolves to a loopback address");
                }
            } else if (isInternal(address)) {
                return Verdict.refused("it resolves to a private or internal address");
            } else if (!scheme.equals("https")) {
                return Verdict.refused("it must use https");
            }
        }
        return new Verdict(null, uri, addresses[0]);
    }

    private static boolean embedded(byte[] bytes, int from) {
        try {
            InetAddress inner = InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, from, from + 4));
            return inner.isLoopbackAddress() || isInternal(inner);
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT, 100.64.0.0/10
                    || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking, 198.18.0.0/15
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) { // unique local, fc00::/7
                return true;
            }
            // Addresses that carry an IPv4 address inside (NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible
            // ::a.b.c.d) are judged by the IPv4 address they lead to.
            boolean nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b;
            boolean compatible = java.util.Arrays.equals(bytes, 0, 12, new byte[12], 0, 12);
            if (nat64 || compatible) {
                return embedded(bytes, 12);
            }
            if (bytes[0] == 0x20 && bytes[1] == 0x02) {
                return embedded(bytes, 2);
            }
        }
        return false;
    }
}
