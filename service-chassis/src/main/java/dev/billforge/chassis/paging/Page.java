package dev.billforge.chassis.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"data": [...], "has_more": bool}}. */
public record Page<T>(List<T> data, boolean hasMore) {

    /** Builds a page from rows fetched with {@link PageRequest#fetchSize()}. */
    public static <T> Page<T> fromOverfetch(List<T> rows, PageRequest request) {
        boolean more = rows.size() > request.limit();
        return new Page<>(more ? List.copyOf(rows.subList(0, request.limit())) : List.copyOf(rows), more);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(data.stream().map(mapper).toList(), hasMore);
    }
}
