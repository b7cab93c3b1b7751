package dev.sluice.core.mapping;

/** The key values of one row; {@code sort} is null when the table has no sort key. */
public record RowKey(String hash, String sort) {}
