package dev.billforge.chassis.paging;

import java.time.Instant;
import java.util.UUID;

/** A row that can be a list cursor: lists are ordered newest first by (created_at, id). */
public interface PageCursor {

    UUID id();

    Instant createdAt();
}
