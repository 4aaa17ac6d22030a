package dev.billforge.payment.gateway;

/**
 * One charge to ask a provider for.
 *
 * @param amount in {@code currency}'s minor unit
 * @param idempotencyKey the provider returns the first answer for a key it has seen, instead of charging again
 * @param description shown on the provider's dashboard
 */
public record ChargeRequest(String providerToken, long amount, String currency, String idempotencyKey,
        String description) {

    /** Keeps the token out of logs and exception messages. */
    @Override
    public String toString() {
        return "ChargeRequest[amount=" + amount + ", currency=" + currency + ", idempotencyKey=" + idempotencyKey
                + ", description=" + description + "]";
    }
}
