package dev.sluice.core.mapping;

import java.util.Objects;
import java.util.Optional;

/** The header names of the item key: a hash (partition) key and an optional sort key. */
public record KeyColumns(String hash, Optional<String> sort) {

    public static final String DEFAULT_HASH = "customer_id";

    public KeyColumns {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sort, "sort");
        if (sort.isPresent() && sort.get().equals(hash)) {
            throw new IllegalArgumentException("the sort key column must differ from the key column '" + hash + "'");
        }
    }

    public static KeyColumns of(String hash) {
        return new KeyColumns(hash, Optional.empty());
    }

    public static KeyColumns of(String hash, String sort) {
        return new KeyColumns(hash, Optional.of(sort));
    }
}
