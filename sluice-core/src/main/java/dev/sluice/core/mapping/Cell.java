package dev.sluice.core.mapping;

/** A typed cell value. Empty cells have no {@code Cell}: they are omitted. */
public sealed interface Cell {

    /** A string, exactly as read. */
    record Str(String value) implements Cell {}

    /** A number, as its original text (trimmed of spaces and tabs), never reformatted. */
    record Num(String text) implements Cell {}

    record Bool(boolean value) implements Cell {}

    /** UTF-8 bytes the value takes in a DynamoDB item (numbers: their text length, an upper bound). */
    default int sizeBytes() {
        return switch (this) {
            case Str s -> Utf8.length(s.value());
            case Num n -> n.text().length();
            case Bool b -> 1;
        };
    }
}
