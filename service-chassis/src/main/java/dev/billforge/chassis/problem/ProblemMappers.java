package dev.billforge.chassis.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.billforge.chassis.carddata.CardDataNotAccepted;
import dev.billforge.chassis.validation.CountryCode;
import dev.billforge.chassis.validation.Metadata;
import dev.billforge.errors.ErrorCode;
import dev.billforge.errors.FieldError;

/**
 * Turns every failure that reaches the REST layer into {@code application/problem+json} with a stable code.
 * Bad input is always a 4xx with a precise message; only a genuine bug becomes a 500, and that one is logged.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return Problem.of(e, uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldPath(violation.getPropertyPath()), codeOf(violation), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(error -> error.code().wireName()));
        return apiException(ApiException.validation(errors), uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return apiException(ApiException.invalidField(field, ErrorCode.UNKNOWN_FIELD,
                "'" + field + "' is not a field of this request"), uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return apiException(ApiException.invalidField(field, ErrorCode.INVALID_VALUE,
                    "must be one of " + enumValues(target)), uri);
        }
        // e.g. 42 where a string belongs: Jackson reports the refused coercion as a format problem
        return apiException(ApiException.invalidField(field, ErrorCode.INVALID_TYPE,
                "must be " + describe(target)), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return apiException(ApiException.of(ErrorCode.MALFORMED_JSON,
                    "The request body must be a JSON object."), uri);
        }
        return apiException(ApiException.invalidField(field, ErrorCode.INVALID_TYPE,
                "must be " + describe(e.getTargetType())), uri);
    }

    /** A field held what looks like a card number: refused, and neither the response nor a log repeats it. */
    @ServerExceptionMapper
    public Response cardData(CardDataNotAccepted e, UriInfo uri) {
        String field = jsonPath(e);
        return apiException(new ApiException(ErrorCode.CARD_DATA_NOT_ACCEPTED,
                "'" + field + "' " + CardDataNotAccepted.MESSAGE + ".",
                List.of(new FieldError(field, ErrorCode.CARD_DATA_NOT_ACCEPTED, CardDataNotAccepted.MESSAGE))), uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        if (e instanceof CardDataNotAccepted cardData) {
            return cardData(cardData, uri);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof StreamReadException)) {
            return apiException(ApiException.invalidField(jsonPath(mapping), ErrorCode.INVALID_VALUE,
                    mapping.getOriginalMessage()), uri);
        }
        return apiException(ApiException.of(ErrorCode.MALFORMED_JSON,
                "The request body is not valid JSON: " + e.getOriginalMessage()), uri);
    }

    /**
     * Two requests (or a request and an event consumer) changed the same record at once and this one lost the
     * optimistic-locking race: nothing was written; the client may retry on the new state.
     */
    @ServerExceptionMapper({ org.hibernate.StaleStateException.class, jakarta.persistence.OptimisticLockException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return apiException(ApiException.of(ErrorCode.CONCURRENT_UPDATE,
                "The record was changed by another request at the same time; read it again and retry."), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return apiException(ApiException.of(ErrorCode.FORBIDDEN,
                "The token's roles do not allow this operation."), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProcessing(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return Problem.ofStatus(status, null, uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isUnstorableText(e)) {
            return apiException(ApiException.of(ErrorCode.BAD_REQUEST, "The request holds a character that cannot"
                    + " be stored (such as NUL, \\u0000), in its URL or body."), uri);
        }
        LOG.error("Unexpected failure", e);
        return Problem.ofStatus(500, "An unexpected error occurred; it has been logged.", uri.getPath()).toResponse();
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(apiException(ApiException.of(ErrorCode.UNAUTHENTICATED,
                "A valid bearer token is required."), uri))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /**
     * Postgres refused text the client sent: a NUL character in a path id, a filter or a JSON string (SQL states
     * 22021 and 22P05). Nothing was written; it is the request's fault, not a bug.
     */
    static boolean isUnstorableText(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String state = cause instanceof java.sql.SQLException sql ? sql.getSQLState()
                    : cause instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() : null;
            if ("22021".equals(state) || "22P05".equals(state)) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.request.address.postalCode} becomes {@code address.postal_code}. */
    static String fieldPath(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null ? "" : snakeCase(node.getName());
                if (node.getKey() != null) {
                    name = (name.isEmpty() ? "" : name) + "[" + node.getKey() + "]";
                } else if (node.getIndex() != null) {
                    name = name + "[" + node.getIndex() + "]";
                }
                if (!name.isEmpty() && !name.startsWith("<")) {
                    parts.add(name);
                }
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static ErrorCode codeOf(ConstraintViolation<?> violation) {
        Class<?> annotation = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (annotation == CountryCode.class) {
            return ErrorCode.INVALID_COUNTRY;
        }
        if (annotation == Metadata.class) {
            return ErrorCode.INVALID_METADATA;
        }
        return switch (annotation.getSimpleName()) {
            case "NotNull", "NotBlank", "NotEmpty" -> ErrorCode.REQUIRED;
            case "Size", "Length" -> ErrorCode.INVALID_LENGTH;
            case "Pattern", "Email" -> ErrorCode.INVALID_FORMAT;
            case "Min", "Max", "Positive", "PositiveOrZero", "Negative", "DecimalMin",
                    "DecimalMax" -> ErrorCode.OUT_OF_RANGE;
            default -> ErrorCode.INVALID_VALUE;
        };
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String enumValues(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(constant.toString());
        }
        return values.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "a valid " + snakeCase(type.getSimpleName());
    }
}
