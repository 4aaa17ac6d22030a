package dev.billforge.console.model;

/** What a delete answers: the id and that it is gone. */
public record DeletedObject(String id, boolean deleted) {
}
