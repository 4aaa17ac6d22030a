package dev.billforge.console.model;

/** Where a page ended: pass {@code endCursor} as {@code after} for the next page while {@code hasNextPage}. */
public record PageInfo(boolean hasNextPage, String endCursor) {
}
