package dev.sluice.core.mapping;

/** Why a row cannot become an item. The row is reported; the rest of the file still loads. */
public enum RejectReason {
    /** The key (or sort key) cell is empty or missing. */
    EMPTY_KEY,
    /** More cells than the header has columns, and the extra cells hold data: it has nowhere to go. */
    RAGGED_ROW,
    /** The item would exceed DynamoDB's 400 KB item limit. */
    ITEM_TOO_LARGE
}
