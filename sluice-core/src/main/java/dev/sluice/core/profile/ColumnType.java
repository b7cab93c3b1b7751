package dev.sluice.core.profile;

/** A column's type: the one type all its non-empty cells share under the loader's rules, else STRING. */
public enum ColumnType {
    /** No non-empty cell. */
    EMPTY,
    NUMBER,
    BOOLEAN,
    STRING
}
