package dev.billforge.payment.provider;

import java.util.UUID;

/**
 * One charge to ask a provider for.
 *
 * @param providerCustomerId the provider's customer the token is attached to (null for the simulator)
 * @param amount in {@code currency}'s minor unit
 * @param idempotencyKey the provider returns the first answer for a key it has seen, instead of charging again
 * @param description shown on the provider's dashboard
 * @param wallet whether the token stands for a wallet (a PayPal account) rather than a card: PayPal charges the two
 *        as different payment sources
 */
public record ChargeRequest(UUID paymentId, UUID invoiceId, String providerCustomerId, String providerToken,
        long amount, String currency, String idempotencyKey, String description, boolean wallet) {

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "ChargeRequest[paymentId=" + paymentId + ", amount=" + amount + ", currency=" + currency
                + ", idempotencyKey=" + idempotencyKey + "]";
    }
}
