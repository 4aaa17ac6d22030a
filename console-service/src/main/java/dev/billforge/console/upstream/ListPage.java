package dev.billforge.console.upstream;

import java.util.List;

/** One page of a REST list, as every service answers it: {@code {"data": [...], "has_more": bool}}. */
public record ListPage<T>(List<T> data, boolean hasMore) {

    public ListPage {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
