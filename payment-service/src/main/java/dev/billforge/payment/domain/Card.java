package dev.billforge.payment.domain;

/**
 * What may be shown of a payment method: its card network and last four digits (never the number itself), or
 * {@value #PAYPAL_WALLET} with no digits for a PayPal account saved in PayPal's vault.
 */
public record Card(String brand, String last4) {

    public static final String PAYPAL_WALLET = "paypal";

    public static Card paypalWallet() {
        return new Card(PAYPAL_WALLET, "");
    }

    public boolean isWallet() {
        return PAYPAL_WALLET.equals(brand);
    }
}
