package dev.billforge.payment.api;

import java.time.Instant;

import dev.billforge.payment.domain.ProviderAccount;

/**
 * A configured provider account as the API shows it: which provider, which mode, where to point the provider's
 * webhooks. Never a secret, not even part of one.
 *
 * @param webhookPath the path (behind the platform's public host) to register as the provider's webhook endpoint
 */
public record ProviderAccountResponse(String object, String provider, boolean livemode, String webhookPath,
        Instant createdAt, Instant updatedAt) {

    public static final String OBJECT = "provider_account";

    static ProviderAccountResponse from(ProviderAccount account) {
        return new ProviderAccountResponse(OBJECT, account.provider(), account.livemode(),
                "/v1/webhooks/" + account.provider() + "/" + account.tenantId(), account.createdAt(),
                account.updatedAt());
    }
}
