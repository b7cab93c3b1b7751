package dev.sluice.core.mapping;

import java.util.List;

/** The header cannot be mapped to items (the whole file is rejected before any write). */
public final class InvalidHeaderException extends IllegalArgumentException {

    public enum Problem {
        MISSING_KEY_COLUMN,
        DUPLICATE_COLUMN,
        EMPTY_COLUMN_NAME
    }

    private final Problem problem;

    InvalidHeaderException(Problem problem, String detail, List<String> header) {
        super(detail + "; the header is " + header);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
