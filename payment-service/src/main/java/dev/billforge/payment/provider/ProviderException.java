package dev.billforge.payment.provider;

/**
 * A provider call that did not give an answer we can act on. Messages carry the provider's code and sentence,
 * never a credential or a token.
 */
public class ProviderException extends RuntimeException {

    /** What the caller can do about it. */
    public enum Kind {
        /** Network failure, timeout, rate limit, provider error: the outcome is unknown; repeat with the same key. */
        UNAVAILABLE,
        /** The tenant's credentials were refused: nothing will work until the tenant fixes them. */
        CREDENTIALS_REFUSED,
        /** The provider refused the request itself (a card it will not attach, a parameter it rejects). */
        REFUSED
    }

    private final Kind kind;
    private final String code;

    public ProviderException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's error code ({@code card_declined}, {@code rate_limit}, ...), or ours when it gave none. */
    public String code() {
        return code;
    }
}
