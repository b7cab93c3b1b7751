package dev.sluice.etl.transform;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one lookup table's snapshot is: a base object holding every row of the table as of some batch, then the
 * delta objects of the later batches that changed the table, oldest first, each holding only the rows that batch
 * changed. Reading the base and then the deltas in order, a later version of a key replacing an earlier one, gives
 * the table's current rows. All objects are CSV in {@link LookupSnapshot}'s format and are never rewritten.
 *
 * <p>In JSON a chain is {@code {"base": key, "deltas": [key, ...]}}. A plain string is read as a base with no
 * deltas: that is how state and manifests written before deltas existed name a table's (whole) snapshot.
 */
public record SnapshotChain(String base, List<String> deltas) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SnapshotChain(@JsonProperty("base") String base, @JsonProperty("deltas") List<String> deltas) {
        this.base = Objects.requireNonNull(base, "a snapshot chain needs a base");
        this.deltas = deltas == null ? List.of() : List.copyOf(deltas);
    }

    /** A chain of one base object and no deltas; also how a single key in the old format is read. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SnapshotChain of(String base) {
        return new SnapshotChain(base, List.of());
    }

    /** This chain with {@code delta} appended. */
    public SnapshotChain plus(String delta) {
        List<String> longer = new ArrayList<>(deltas);
        longer.add(delta);
        return new SnapshotChain(base, longer);
    }

    /** Every object of the chain in the order it is read: the base, then the deltas oldest first. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(deltas.size() + 1);
        keys.add(base);
        keys.addAll(deltas);
        return keys;
    }
}
