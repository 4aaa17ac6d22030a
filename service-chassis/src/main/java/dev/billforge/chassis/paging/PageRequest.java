package dev.billforge.chassis.paging;

import java.util.UUID;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

import dev.billforge.chassis.problem.ApiException;
import dev.billforge.errors.ErrorCode;

/**
 * A Stripe-style cursor page request: at most {@code limit} items, newest first, strictly after the item
 * {@code startingAfter} (the id of the last item of the previous page).
 */
public record PageRequest(int limit, UUID startingAfter) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    /** Parses the raw query parameters; anything unparsable is a 400 naming the parameter. */
    public static PageRequest of(String limit, String startingAfter) {
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsedLimit = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                parsedLimit = -1;
            }
            if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                throw ApiException.invalidField("limit", ErrorCode.OUT_OF_RANGE,
                        "must be an integer between 1 and " + MAX_LIMIT);
            }
        }
        UUID cursor = null;
        if (startingAfter != null && !startingAfter.isBlank()) {
            try {
                cursor = UUID.fromString(startingAfter.trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("starting_after", ErrorCode.INVALID_FORMAT,
                        "must be an id from a previous page");
            }
        }
        return new PageRequest(parsedLimit, cursor);
    }

    /**
     * The row {@code starting_after} names, looked up with {@code findOwn} (which must scope it to the tenant), or
     * null on a first page; a cursor that is not one of the tenant's {@code things} is a 400 {@code invalid_cursor}.
     */
    public <T> Uni<T> cursor(Function<UUID, Uni<T>> findOwn, String thing) {
        if (startingAfter == null) {
            return Uni.createFrom().nullItem();
        }
        return findOwn.apply(startingAfter).onItem().ifNull().failWith(() -> ApiException
                .invalidField("starting_after", ErrorCode.INVALID_CURSOR,
                        "is not the id of " + article(thing) + " " + thing + " of yours"));
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }

    /** Stores fetch one row more than asked, to know whether another page exists without counting. */
    public int fetchSize() {
        return limit + 1;
    }
}
