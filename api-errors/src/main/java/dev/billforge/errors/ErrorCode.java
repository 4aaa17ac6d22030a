package dev.billforge.errors;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every error code any Billforge API answers with, defined once (after Kill Bill's {@code ErrorCode}): the {@code code}
 * of a problem+json body, or of one entry in its {@code errors} list. Clients switch on these, so a code is a
 * published contract: add codes freely, never rename or reuse one. The wire name is the constant's name in lower
 * case; the HTTP status travels with the code, so one code never answers with two statuses.
 */
public enum ErrorCode {

    // ---- The request as a whole (every service)
    BAD_REQUEST(400, "The request could not be understood."),
    VALIDATION_FAILED(400, "One or more fields are invalid, each listed in errors[]; the detail says what is wrong"
            + " when no one field alone is."),
    MALFORMED_JSON(400, "The body is not a JSON object."),
    CARD_DATA_NOT_ACCEPTED(400, "A field held what looks like a card number; send the provider's token instead."),
    INVALID_IDEMPOTENCY_KEY(400, "The Idempotency-Key header is blank or longer than 255 characters."),
    UNAUTHENTICATED(401, "No valid bearer token."),
    FORBIDDEN(403, "The token's roles do not allow this operation."),
    TENANT_MISSING(403, "The token names no tenant."),
    NOT_FOUND(404, "No such route."),
    METHOD_NOT_ALLOWED(405, "The route does not take this HTTP method."),
    NOT_ACCEPTABLE(406, "The route cannot answer in the media type asked for."),
    CONCURRENT_UPDATE(409, "Another request changed the record at the same time; read it again and retry."),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still being processed."),
    IDEMPOTENCY_KEY_REUSED(409, "This Idempotency-Key was used for a different request."),
    REQUEST_TOO_LARGE(413, "The body is larger than the service accepts."),
    UNSUPPORTED_MEDIA_TYPE(415, "The body's media type is not accepted here."),
    RATE_LIMITED(429, "The tenant used up this route class's quota for the window; retry after Retry-After."),
    INTERNAL_ERROR(500, "An unexpected failure; it has been logged."),

    // ---- Field codes: the code of one entry in a validation_failed problem's errors[]
    REQUIRED(400, "The field is missing or empty."),
    INVALID_TYPE(400, "The field has the wrong JSON type."),
    INVALID_VALUE(400, "The field's value is not one the field takes."),
    INVALID_FORMAT(400, "The field does not have the required format."),
    INVALID_LENGTH(400, "The field is too short or too long."),
    OUT_OF_RANGE(400, "The number is outside the allowed range."),
    UNKNOWN_FIELD(400, "The request has no such field."),
    INVALID_CURSOR(400, "starting_after is not the id of a record of yours."),
    INVALID_CURRENCY(400, "Not an ISO 4217 currency code."),
    INVALID_COUNTRY(400, "Not an ISO 3166-1 alpha-2 country code."),
    INVALID_METADATA(400, "Metadata keys or values are too many or too long."),

    // ---- Test clocks (chassis)
    TEST_CLOCK_DISABLED(404, "Test clocks are not enabled on this deployment."),
    TEST_CLOCK_CANNOT_GO_BACK(400, "A test clock only moves forward."),

    // ---- Customers (customer-service, and every service's customer directory)
    CUSTOMER_NOT_FOUND(404, "No such customer for this tenant."),

    // ---- Plans and subscriptions (subscription-service)
    PLAN_NOT_FOUND(404, "No such plan for this tenant."),
    PLAN_PRICE_IMMUTABLE(400, "Only a plan's name, description, active flag and metadata change; a new price is"
            + " a new plan."),
    PLAN_UNCHANGED(409, "The subscription is already on this plan."),
    SUBSCRIPTION_NOT_FOUND(404, "No such subscription for this tenant."),
    SUBSCRIPTION_ACTIVE(409, "The customer already has a live subscription to this plan."),
    SUBSCRIPTION_CANCELED(409, "The subscription is canceled."),
    SUBSCRIPTION_PAUSED(409, "The subscription is paused."),
    SUBSCRIPTION_NOT_PAUSED(409, "The subscription is not paused."),
    CURRENCY_MISMATCH(400, "The plan's currency differs from the subscription's."),

    // ---- Invoices (invoicing-service)
    INVOICE_NOT_FOUND(404, "No such invoice for this tenant."),
    CREDIT_NOTE_NOT_FOUND(404, "No such credit note for this tenant."),
    INVOICE_NOT_DRAFT(409, "Only a draft invoice takes lines, is finalized or is deleted."),
    INVOICE_NOT_OPEN(409, "Only an open invoice is voided or marked uncollectible."),
    INVOICE_NOT_PAYABLE(409, "Only an open or uncollectible invoice with an amount remaining can be paid."),
    INVOICE_HAS_NO_LINES(409, "A draft invoice needs at least one line to be finalized."),
    INVOICE_LINE_LIMIT(409, "A draft invoice holds at most 250 lines."),
    INVOICE_NOT_FINALIZED(409, "A draft invoice has no document yet: finalize it first."),
    INVOICE_TOTAL_TOO_LARGE(400, "The line would take the invoice's total beyond what one invoice may bill."),
    TAX_RATE_NOT_FOUND(404, "No such tax rate for this tenant."),
    NO_UPCOMING_INVOICE(409, "The subscription will not be invoiced again: canceled, paused, unpaid or ending at its"
            + " period end."),

    // ---- Payments (payment-service)
    PAYMENT_NOT_FOUND(404, "No such payment for this tenant."),
    PAYMENT_METHOD_NOT_FOUND(404, "No such payment method for this tenant."),
    REFUND_NOT_FOUND(404, "No such refund for this tenant."),
    PROVIDER_ACCOUNT_NOT_FOUND(404, "The tenant has stored no credentials for this provider."),
    PAYMENT_NOT_REFUNDABLE(409, "The payment did not succeed or is refunded in full."),
    REFUND_AMOUNT_TOO_LARGE(400, "The refund is larger than what is left to refund."),
    PROVIDER_NOT_AVAILABLE(400, "This deployment offers no such payment provider."),
    PROVIDER_NOT_CONFIGURED(400, "The tenant has not stored credentials for this provider."),
    PROVIDER_NEEDS_NO_CREDENTIALS(400, "This provider takes no credentials."),
    PROVIDER_CREDENTIALS_REFUSED(400, "The provider refused the tenant's credentials."),
    INVALID_PAYMENT_TOKEN(400, "The provider does not know this payment token."),
    PAYMENT_METHOD_REFUSED(400, "The provider refused to attach the payment method."),
    INVALID_RETRY_DAYS(400, "Dunning retry days: 1 to 10 increasing whole days within the allowed range."),
    WEBHOOK_SIGNATURE_INVALID(400, "The provider webhook is not signed for this tenant, or is too old."),
    PROVIDER_UNAVAILABLE(503, "The payment provider did not answer; the same request may succeed later."),

    // ---- Notifications and outbound webhooks (notification-service)
    NOTIFICATION_NOT_FOUND(404, "No such notification for this tenant."),
    WEBHOOK_ENDPOINT_NOT_FOUND(404, "No such webhook endpoint for this tenant."),
    WEBHOOK_DELIVERY_NOT_FOUND(404, "No such webhook delivery for this tenant."),
    WEBHOOK_URL_NOT_ALLOWED(400, "Not an https URL, without credentials, of a host resolving to public addresses."),
    UNKNOWN_EVENT_TYPE(400, "Not a published event type."),

    // ---- The ingress and the console (console-service)
    UPSTREAM_UNAVAILABLE(502, "A service behind the ingress or the console did not answer; the same request may"
            + " succeed later."),
    QUERY_TOO_COMPLEX(400, "The GraphQL document is nested deeper, or has more aliases or fields, than the console"
            + " takes; the detail names the limit.");

    private final int status;
    private final String meaning;

    ErrorCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    /** What clients read and switch on: the constant's name in lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every code's wire name: what a client may see in {@code code}. */
    public static java.util.Set<String> wireNames() {
        return java.util.Arrays.stream(values()).map(ErrorCode::wireName)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The HTTP status a problem with this code answers with. */
    public int status() {
        return status;
    }

    /** One sentence for the API documentation. */
    public String meaning() {
        return meaning;
    }

    /** The problem's title: the status in words (a validation failure says so). */
    public String title() {
        if (this == VALIDATION_FAILED) {
            return "Validation failed";
        }
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            default -> "Internal server error";
        };
    }

    /** The code for a status the HTTP layer produced by itself (no route, wrong method or media type). */
    public static ErrorCode forHttpStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
