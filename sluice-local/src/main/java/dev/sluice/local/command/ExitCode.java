package dev.sluice.local.command;

/** The process exit codes of every {@code sluice} command; documented in {@code --help} and the README. */
public enum ExitCode {
    /** The command did all its work. */
    OK(0, "success"),
    /**
     * The input is not valid for the command: malformed CSV, no header, not UTF-8, a row over the record size limit, a
     * ragged row under --strict.
     */
    INVALID_INPUT(
            1,
            "invalid input (malformed CSV, no header, not UTF-8, row over --max-record-size, ragged row with --strict)"),
    /** Bad command line or configuration: unknown option, bad value, unknown column name. */
    USAGE(2, "bad usage or configuration (bad option value, unknown column, OUT is IN)"),
    /** A file could not be read or written. */
    IO(3, "I/O error (input not found or unreadable, output not writable)"),
    /** A bug: an unexpected exception (or the JVM ran out of memory). */
    INTERNAL(70, "internal error"),
    /**
     * stdout was closed before the output was written (e.g. {@code | head}): exit quietly with 141 (128 + SIGPIPE), the
     * status the shell reports for grep or cut in the same place, so {@code set -o pipefail} scripts see the same.
     */
    BROKEN_PIPE(141, "stdout closed early (e.g. | head); nothing is printed, as with grep");

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
