package dev.billforge.console.model;

import java.util.List;
import java.util.function.Function;

import dev.billforge.console.upstream.ListPage;

/**
 * One page of a list, newest first, as the REST list answered it ({@code limit}/{@code starting_after} become
 * {@code first}/{@code after}; the cursor is the last node's id).
 */
public record Connection<T>(List<T> nodes, PageInfo pageInfo) {

    public static <T> Connection<T> of(ListPage<T> page, Function<T, String> id) {
        List<T> nodes = page.data();
        String end = nodes.isEmpty() ? null : id.apply(nodes.get(nodes.size() - 1));
        return new Connection<>(nodes, new PageInfo(page.hasMore(), end));
    }
}
