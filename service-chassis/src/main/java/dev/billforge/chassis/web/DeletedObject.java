package dev.billforge.chassis.web;

import java.util.UUID;

/** The answer to a DELETE, as Stripe gives it: {@code {"id": ..., "object": "customer", "deleted": true}}. */
public record DeletedObject(UUID id, String object, boolean deleted) {

    public static DeletedObject of(UUID id, String object) {
        return new DeletedObject(id, object, true);
    }
}
