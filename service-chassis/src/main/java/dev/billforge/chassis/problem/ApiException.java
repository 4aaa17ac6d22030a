package dev.billforge.chassis.problem;

import java.util.List;

/**
 * A failure the client can act on, rendered as a problem+json response by {@link ProblemMappers}. Services throw
 * these (or return failed {@code Uni}s of them); anything else that escapes becomes a logged 500.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false); // an expected outcome: no stack trace to fill
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(404, code, "Not found", detail, null);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, "Conflict", detail, null);
    }

    /** 503: something we depend on (a payment provider) did not answer; the same request may succeed later. */
    public static ApiException unavailable(String code, String detail) {
        return new ApiException(503, code, "Service unavailable", detail, null);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Bad request", detail, null);
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(400, "validation_failed", "Validation failed",
                "One or more fields are invalid; see errors.", errors);
    }

    public static ApiException invalidField(String field, String code, String message) {
        return validation(List.of(new FieldError(field, code, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
