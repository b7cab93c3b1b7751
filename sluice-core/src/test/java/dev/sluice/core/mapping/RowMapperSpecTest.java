package dev.sluice.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RowMapperSpecTest {

    static final List<String> HEADER = List.of("customer_id", "name", "age", "active");
    static final RowMapper MAPPER = RowMapper.forHeader(HEADER, KeyColumns.of("customer_id"), TypeInference.AUTO);

    record Spec(String id, String rule, String row, MappedRow expected) {
        @Override
        public String toString() {
            return id + " (" + rule + ")";
        }
    }

    static Spec item(String id, String rule, String row, String key, Object... attributes) {
        Map<String, Cell> map = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put((String) attributes[i], (Cell) attributes[i + 1]);
        }
        return new Spec(id, rule, row, new MappedRow.Item(new RowKey(key, null), map));
    }

    static Spec rejected(String id, String rule, String row, RejectReason reason, String message) {
        return new Spec(id, rule, row, new MappedRow.Rejected(reason, message, cells(row)));
    }

    static List<String> cells(String row) {
        return Arrays.asList(row.split(",", -1));
    }

    static Stream<Spec> specs() {
        return Stream.of(
                item(
                        "typed",
                        "cells are typed, the key stays a string",
                        "00042,Tom,34,true",
                        "00042",
                        "name",
                        new Cell.Str("Tom"),
                        "age",
                        new Cell.Num("34"),
                        "active",
                        new Cell.Bool(true)),
                item(
                        "numeric-key",
                        "a numeric key is still a string",
                        "123456,Tom,34,false",
                        "123456",
                        "name",
                        new Cell.Str("Tom"),
                        "age",
                        new Cell.Num("34"),
                        "active",
                        new Cell.Bool(false)),
                item("empty-omitted", "empty cells are omitted", "1,,34,", "1", "age", new Cell.Num("34")),
                item(
                        "short-row",
                        "a short row is repaired: missing cells are empty",
                        "1,Ann",
                        "1",
                        "name",
                        new Cell.Str("Ann")),
                item(
                        "trailing-commas",
                        "extra empty cells (trailing commas) are repaired",
                        "1,Ann,5,true,,",
                        "1",
                        "name",
                        new Cell.Str("Ann"),
                        "age",
                        new Cell.Num("5"),
                        "active",
                        new Cell.Bool(true)),
                rejected(
                        "long-row",
                        "extra cells with data are rejected",
                        "1,Ann,5,true,oops",
                        RejectReason.RAGGED_ROW,
                        "the row has 5 cells but the header has 4 columns; cell 5 is not empty"),
                rejected(
                        "empty-key",
                        "an empty key is rejected",
                        ",Ann,5,true",
                        RejectReason.EMPTY_KEY,
                        "customer_id is empty"),
                rejected("key-only-spaces-is-a-key", "the key is never trimmed", " ,Ann,5,true", null, null),
                rejected(
                        "single-cell-row",
                        "a one-cell row with an empty key is rejected",
                        "",
                        RejectReason.EMPTY_KEY,
                        "customer_id is empty"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void mapsRows(Spec spec) {
        MappedRow actual = MAPPER.map(cells(spec.row()));
        if (spec.expected() instanceof MappedRow.Rejected r && r.reason() == null) {
            assertThat(actual).isInstanceOf(MappedRow.Item.class);
            assertThat(((MappedRow.Item) actual).key().hash()).isEqualTo(" ");
            return;
        }
        assertThat(actual).isEqualTo(spec.expected());
    }

    @Test
    void sortKeyIsAStringAndMustNotBeEmpty() {
        RowMapper mapper = RowMapper.forHeader(List.of("id", "ts", "v"), KeyColumns.of("id", "ts"), TypeInference.AUTO);

        assertThat(mapper.map(List.of("a", "2024", "1")))
                .isEqualTo(new MappedRow.Item(new RowKey("a", "2024"), Map.of("v", new Cell.Num("1"))));
        assertThat(mapper.map(List.of("a", "", "1")))
                .isEqualTo(new MappedRow.Rejected(RejectReason.EMPTY_KEY, "ts is empty", List.of("a", "", "1")));
    }

    @Test
    void describeGivesTheReasonColumnText() {
        var rejected = (MappedRow.Rejected) MAPPER.map(cells(",Ann,5,true"));
        assertThat(rejected.describe()).isEqualTo("EMPTY_KEY: customer_id is empty");
    }

    @Test
    void anItemOverTheDynamoDbLimitIsRejected() {
        String big = "x".repeat(RowMapper.MAX_ITEM_BYTES);
        MappedRow row = MAPPER.map(List.of("1", big, "1", "true"));
        assertThat(row).isInstanceOf(MappedRow.Rejected.class);
        assertThat(((MappedRow.Rejected) row).reason()).isEqualTo(RejectReason.ITEM_TOO_LARGE);
    }

    @Test
    void missingKeyColumnNamesTheColumnAndTheHeader() {
        assertThatThrownBy(() ->
                        RowMapper.forHeader(List.of("name", "age"), KeyColumns.of("customer_id"), TypeInference.AUTO))
                .isInstanceOf(InvalidHeaderException.class)
                .hasMessage("the key column 'customer_id' is not in the header; the header is [name, age]")
                .extracting(e -> ((InvalidHeaderException) e).problem())
                .isEqualTo(InvalidHeaderException.Problem.MISSING_KEY_COLUMN);
    }

    @Test
    void missingSortKeyColumnIsAHeaderError() {
        assertThatThrownBy(() -> RowMapper.forHeader(List.of("id", "v"), KeyColumns.of("id", "ts"), TypeInference.AUTO))
                .hasMessage("the sort key column 'ts' is not in the header; the header is [id, v]");
    }

    @Test
    void duplicateAndEmptyColumnNamesAreHeaderErrors() {
        assertThatThrownBy(() -> RowMapper.forHeader(
                        List.of("customer_id", "a", "a"), KeyColumns.of("customer_id"), TypeInference.AUTO))
                .hasMessage("column 'a' appears twice in the header; the header is [customer_id, a, a]");
        assertThatThrownBy(() -> RowMapper.forHeader(
                        List.of("customer_id", ""), KeyColumns.of("customer_id"), TypeInference.AUTO))
                .hasMessage("column 2 of the header has no name, so its cells have no attribute name;"
                        + " the header is [customer_id, ]");
    }
}
