package dev.billforge.chassis.problem;

import java.util.List;

import dev.billforge.errors.ErrorCode;
import dev.billforge.errors.FieldError;

/**
 * A failure the client can act on, rendered as a problem+json response by {@link ProblemMappers}. Services throw
 * these (or return failed {@code Uni}s of them); anything else that escapes becomes a logged 500. The status comes
 * with the {@link ErrorCode}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;

    public ApiException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail, null, false, false); // an expected outcome: no stack trace to fill
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException of(ErrorCode code, String detail) {
        return new ApiException(code, detail, null);
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "One or more fields are invalid; see errors.", errors);
    }

    public static ApiException invalidField(String field, ErrorCode code, String message) {
        return validation(List.of(new FieldError(field, code, message)));
    }

    public int status() {
        return code.status();
    }

    public ErrorCode code() {
        return code;
    }

    public String title() {
        return code.title();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
