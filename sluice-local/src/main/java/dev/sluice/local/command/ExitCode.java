package dev.sluice.local.command;

/** The process exit codes of every {@code sluice} command; documented in {@code --help} and the README. */
public enum ExitCode {
    /** The command did all its work. */
    OK(0, "success"),
    /** The input is not valid for the command: malformed CSV, no header, a ragged row under --strict. */
    INVALID_INPUT(1, "invalid input (malformed CSV, no header, ragged row with --strict)"),
    /** Bad command line or configuration: unknown option, bad value, unknown column name. */
    USAGE(2, "bad usage or configuration (bad option value, unknown column)"),
    /** A file could not be read or written. */
    IO(3, "I/O error (input not found or unreadable, output not writable)"),
    /** A bug: an unexpected exception. */
    INTERNAL(70, "internal error");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
