package dev.sluice.core.csv;

/**
 * The input is not UTF-8 (or ASCII): it starts with the byte order mark of another encoding (UTF-16, UTF-32, ...), or
 * its header holds NUL bytes (UTF-16 or UTF-32 without a byte order mark). Refused rather than read as junk, which
 * would drop every row without an error.
 */
public final class UnsupportedEncodingCsvException extends CsvException {
    private final String encoding;

    public UnsupportedEncodingCsvException(String encoding, String evidence, long line) {
        super(
                "line " + line + ": the input looks like " + encoding + " (" + evidence + "); Sluice reads UTF-8 (or"
                        + " ASCII) only: convert it first, e.g. iconv -f " + iconvName(encoding) + " -t UTF-8",
                line);
        this.encoding = encoding;
    }

    /** The encoding the input appears to be in, e.g. {@code UTF-16LE}. */
    public String encoding() {
        return encoding;
    }

    private static String iconvName(String encoding) {
        int space = encoding.indexOf(' ');
        return space < 0 ? encoding : encoding.substring(0, space);
    }
}
