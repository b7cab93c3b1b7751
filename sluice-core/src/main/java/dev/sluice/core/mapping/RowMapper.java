package dev.sluice.core.mapping;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps CSV records to items, one per row: the header names the attributes, {@link CellTypes} types the cells, key
 * columns stay strings. Rows shorter than the header are repaired (missing cells are empty); rows longer than the
 * header are repaired when the extra cells are empty (trailing commas) and rejected otherwise. Immutable; thread-safe.
 */
public final class RowMapper {

    /** DynamoDB limit: an item, names and values included, is at most 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private final List<String> header;
    private final KeyColumns keys;
    private final TypeInference inference;
    private final int hashIndex;
    private final int sortIndex;
    private final int[] nameBytes;

    private RowMapper(List<String> header, KeyColumns keys, TypeInference inference) {
        this.header = List.copyOf(header);
        this.keys = keys;
        this.inference = inference;
        this.hashIndex = header.indexOf(keys.hash());
        this.sortIndex = keys.sort().map(header::indexOf).orElse(-1);
        this.nameBytes = header.stream().mapToInt(Utf8::length).toArray();
    }

    /**
     * A mapper for files with this header.
     *
     * @throws InvalidHeaderException a key column is missing, or a column name is empty or repeated
     */
    public static RowMapper forHeader(List<String> header, KeyColumns keys, TypeInference inference) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new InvalidHeaderException(
                        InvalidHeaderException.Problem.EMPTY_COLUMN_NAME,
                        "column " + (i + 1) + " of the header has no name, so its cells have no attribute name",
                        header);
            }
            if (!seen.add(name)) {
                throw new InvalidHeaderException(
                        InvalidHeaderException.Problem.DUPLICATE_COLUMN,
                        "column '" + name + "' appears twice in the header",
                        header);
            }
        }
        requireColumn(header, keys.hash(), "key column");
        keys.sort().ifPresent(sort -> requireColumn(header, sort, "sort key column"));
        return new RowMapper(header, keys, inference);
    }

    private static void requireColumn(List<String> header, String column, String what) {
        if (!header.contains(column)) {
            throw new InvalidHeaderException(
                    InvalidHeaderException.Problem.MISSING_KEY_COLUMN,
                    "the " + what + " '" + column + "' is not in the header",
                    header);
        }
    }

    public List<String> header() {
        return header;
    }

    public MappedRow map(List<String> fields) {
        for (int i = header.size(); i < fields.size(); i++) {
            if (!fields.get(i).isEmpty()) {
                return new MappedRow.Rejected(
                        RejectReason.RAGGED_ROW,
                        "the row has " + fields.size() + " cells but the header has " + header.size()
                                + " columns; cell " + (i + 1) + " is not empty",
                        fields);
            }
        }
        String hash = cell(fields, hashIndex);
        if (hash.isEmpty()) {
            return new MappedRow.Rejected(RejectReason.EMPTY_KEY, keys.hash() + " is empty", fields);
        }
        String sort = null;
        if (sortIndex >= 0) {
            sort = cell(fields, sortIndex);
            if (sort.isEmpty()) {
                return new MappedRow.Rejected(
                        RejectReason.EMPTY_KEY, keys.sort().orElseThrow() + " is empty", fields);
            }
        }
        return item(fields, new RowKey(hash, sort));
    }

    private MappedRow item(List<String> fields, RowKey key) {
        Map<String, Cell> attributes = new LinkedHashMap<>();
        long bytes = (long) nameBytes[hashIndex] + Utf8.length(key.hash());
        if (sortIndex >= 0) {
            bytes += nameBytes[sortIndex] + Utf8.length(key.sort());
        }
        int cells = Math.min(fields.size(), header.size());
        for (int i = 0; i < cells; i++) {
            if (i == hashIndex || i == sortIndex) {
                continue;
            }
            Cell value = CellTypes.infer(fields.get(i), inference);
            if (value != null) {
                attributes.put(header.get(i), value);
                bytes += nameBytes[i] + value.sizeBytes();
            }
        }
        if (bytes > MAX_ITEM_BYTES) {
            return new MappedRow.Rejected(
                    RejectReason.ITEM_TOO_LARGE,
                    "the item would take about " + bytes + " bytes; DynamoDB stores at most " + MAX_ITEM_BYTES,
                    fields);
        }
        return new MappedRow.Item(key, attributes);
    }

    private static String cell(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "";
    }
}
