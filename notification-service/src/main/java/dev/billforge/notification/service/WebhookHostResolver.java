package dev.billforge.notification.service;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks up the addresses of a tenant's webhook host: the only name resolution a delivery makes. The address that
 * {@link WebhookUrlPolicy} checked is the one the delivery connects to, so a DNS answer that changes in between
 * (DNS rebinding) cannot lead a request into our network. Blocking: call it off the event loop.
 */
@ApplicationScoped
public class WebhookHostResolver {

    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
