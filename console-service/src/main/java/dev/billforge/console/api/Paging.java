package dev.billforge.console.api;

import dev.billforge.console.upstream.Params;
import dev.billforge.console.upstream.ServiceProblem;
import dev.billforge.errors.ErrorCode;

/** GraphQL's {@code first}/{@code after} as the REST lists' {@code limit}/{@code starting_after}. */
final class Paging {

    static final int MAX_FIRST = 100;

    private Paging() {
    }

    static Params of(int first, String after) {
        if (first < 1 || first > MAX_FIRST) {
            throw ServiceProblem.invalidField("first", ErrorCode.OUT_OF_RANGE,
                    "first must be between 1 and " + MAX_FIRST + ".");
        }
        return Params.of("limit", first).and("starting_after", after == null || after.isBlank() ? null : after);
    }
}
