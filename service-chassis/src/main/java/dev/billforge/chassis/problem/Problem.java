package dev.billforge.chassis.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.billforge.errors.ErrorCode;
import dev.billforge.errors.FieldError;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}) with a stable {@code code} extension that
 * clients switch on; {@code title} and {@code detail} are for humans and may change wording.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Each code documents itself at {@code TYPE_BASE + code}. */
    public static final String TYPE_BASE = "https://docs.billforge.dev/errors/";

    public static Problem of(ApiException e, String instance) {
        return new Problem(TYPE_BASE + e.code().wireName(), e.title(), e.status(), e.getMessage(),
                e.code().wireName(), instance, e.errors().isEmpty() ? null : e.errors());
    }

    /**
     * A problem for a status the HTTP layer produced, as the catalogue's code for it with that code's status: a
     * status without a code of its own becomes 400 {@code bad_request} or 500 {@code internal_error}, so one code
     * never answers with two statuses.
     */
    public static Problem ofStatus(int status, String detail, String instance) {
        ErrorCode code = ErrorCode.forHttpStatus(status);
        return new Problem(TYPE_BASE + code.wireName(), code.title(), code.status(),
                detail == null ? code.title() : detail, code.wireName(), instance, null);
    }

    /** The problem as a JAX-RS response with the problem+json media type. */
    public jakarta.ws.rs.core.Response toResponse() {
        return jakarta.ws.rs.core.Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
