package dev.billforge.console.upstream;

import java.util.List;
import java.util.function.Function;

/** One page of a REST list, as every service answers it: {@code {"data": [...], "has_more": bool}}. */
public record ListPage<T>(List<T> data, boolean hasMore) {

    public ListPage {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** What to pass as {@code starting_after} for the next page: the last item's id, or null on the last page. */
    public String nextCursor(Function<T, String> id) {
        return hasMore && !data.isEmpty() ? id.apply(data.get(data.size() - 1)) : null;
    }
}
