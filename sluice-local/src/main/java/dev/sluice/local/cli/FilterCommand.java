package dev.sluice.local.cli;

import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.Comparison;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.csv.CsvNumbers;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import dev.sluice.core.csv.IoMode;
import dev.sluice.core.csv.MatchMode;
import dev.sluice.core.csv.RaggedRowPolicy;
import dev.sluice.core.csv.RecordTooLongException;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.ExitCodes;
import dev.sluice.local.command.StdStreams;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code sluice filter}: the streaming CSV row filter on local files or stdin/stdout. */
@ExitCodes({ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.USAGE, ExitCode.IO, ExitCode.INTERNAL, ExitCode.BROKEN_PIPE})
@Command(
        name = "filter",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Keep the rows of a CSV whose numbers pass a threshold rule (streaming, byte-for-byte).",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Copy the header and every row that passes the rule from IN to OUT. Output is real CSV: the header and the"
                    + " kept rows are copied byte-for-byte (RFC 4180: quoted fields, CRLF/LF, UTF-8 BOM); blank lines are"
                    + " dropped; no match gives a header-only file.",
            "A cell is numeric when, after trimming spaces and tabs, it is [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?;"
                    + " NaN, inf, 0x10, 1,000, $5, 5%% and empty cells never match.",
            "Input: UTF-8 or ASCII (a UTF-8 byte order mark is kept); UTF-16/UTF-32 and other encodings are refused"
                    + " (exit 1; convert with iconv). LF, CRLF and a lone CR (old Mac files) each end a row, also mixed"
                    + " in one file; kept rows keep their own line ends.",
            "A summary (rows read/kept, ragged rows, non-numeric cells, bytes, elapsed, MB/s) goes to stderr."
        })
public final class FilterCommand implements Callable<Integer> {

    static final String STDIO = "-";
    static final String IO_PROPERTY = "sluice.filter.io";

    @Option(
            names = "--threshold",
            paramLabel = "N",
            defaultValue = "" + FilterRule.DEFAULT_THRESHOLD,
            converter = ThresholdConverter.class,
            description =
                    "The number each selected cell is compared with (same number grammar as cells). Default: ${DEFAULT-VALUE}.")
    private double threshold;

    @Option(
            names = "--op",
            paramLabel = "OP",
            defaultValue = "gt",
            converter = ComparisonConverter.class,
            description = "The comparison, read as 'cell OP N': gt, ge, lt, le, eq or ne. Default: ${DEFAULT-VALUE}.")
    private Comparison op;

    @Option(
            names = "--columns",
            paramLabel = "LIST",
            defaultValue = "*",
            converter = ColumnsConverter.class,
            description =
                    "The cells tested: * = every cell of the row (also cells beyond the header's width), or a comma"
                            + " list of header names and/or 1-based indexes (e.g. 1 or price,qty or 1,total). --columns 1 is the"
                            + " seed behaviour (first column only). A name that several header columns have selects"
                            + " all of them (a warning on stderr says so). Default: ${DEFAULT-VALUE}.")
    private ColumnSelection columns;

    @Option(
            names = "--match",
            paramLabel = "any|all",
            defaultValue = "any",
            converter = MatchConverter.class,
            description =
                    "any = keep the row when at least one selected cell is numeric and passes; all = keep it only when"
                            + " every selected cell exists, is numeric and passes. Default: ${DEFAULT-VALUE}.")
    private MatchMode match;

    @Option(
            names = "--strict",
            description =
                    "Reject the file (exit 1) at the first row with more or fewer cells than the header. Default: off"
                            + " (such ragged rows are evaluated on the cells they have and counted).")
    private boolean strict;

    @Option(
            names = "--max-record-size",
            paramLabel = "SIZE",
            defaultValue = "16MiB",
            converter = SizeConverter.class,
            description = "The longest row (with its line end) held in memory; a longer one fails the run (exit 1)"
                    + " with its line number. Bytes, or with K, M or G (KiB, MiB, GiB), from 1K to 1G."
                    + " Default: ${DEFAULT-VALUE}.")
    private int maxRecordBytes;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads that filter a file side by side, each on its own chunk of it (stdin is filtered"
                    + " by one thread). Default: the number of processors, at most " + MAX_DEFAULT_THREADS + ".")
    private Integer threads;

    @Parameters(index = "0", paramLabel = "IN", description = "The input CSV file, or - for stdin.")
    private String in;

    @Parameters(
            index = "1",
            paramLabel = "OUT",
            description =
                    "The output file, or - for stdout. A file is written to a temporary file in the same folder and"
                            + " renamed when the run succeeds: a failed run leaves OUT as it was. OUT may not be IN"
                            + " (also through a link; exit 2); a symbolic link is written through to its target.")
    private String out;

    private final StdStreams std;

    public FilterCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws IOException {
        FilterRule rule = rule();
        int threads = threads();
        CsvFilter filter = CsvFilter.of(rule)
                .withIo(ioMode())
                .withMaxRecordBytes(maxRecordBytes)
                .withThreads(threads);
        refuseOutputOverInput();
        try (InputStream input = openInput();
                CommittableOutput output = openOutput()) {
            FilterSummary summary = threads > 1 && splittable(input)
                    ? filter.filter(((FileInputStream) input).getChannel(), output.stream())
                    : filter.filter(input, output.stream());
            output.commit();
            if (!summary.duplicateColumns().isEmpty()) {
                std.err().println(duplicateWarning(summary));
            }
            std.err().println(summaryLine(rule, summary));
        } catch (RecordTooLongException e) {
            throw new CliException(
                    ExitCode.INVALID_INPUT,
                    e.getMessage() + " (raise the limit with --max-record-size if the row is real)",
                    e);
        } catch (IOException e) {
            if (STDIO.equals(out) && isBrokenPipe(e)) {
                return ExitCode.BROKEN_PIPE.code(); // the reader of stdout is gone (| head): quiet, like grep
            }
            throw e;
        }
        return ExitCode.OK.code();
    }

    static String duplicateWarning(FilterSummary summary) {
        return "sluice filter: warning: the header has more than one column named "
                + String.join(
                        ", ",
                        summary.duplicateColumns().stream()
                                .map(n -> "'" + n + "'")
                                .toList())
                + "; --columns NAME selects every column with that name";
    }

    /** EPIPE as the JDK reports it on Linux and macOS ("Broken pipe"), possibly wrapped. */
    static boolean isBrokenPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    && t.getMessage() != null
                    && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writing OUT replaces it when the run ends, so OUT must not be IN: the same file by device and inode
     * ({@link Files#isSameFile}), which also catches a symbolic or hard link from one to the other.
     */
    private void refuseOutputOverInput() throws IOException {
        if (STDIO.equals(in) || STDIO.equals(out)) {
            return;
        }
        Path input = Path.of(in);
        Path output = Path.of(out);
        try {
            if (Files.exists(input) && Files.exists(output) && Files.isSameFile(input, output)) {
                throw new CliException(
                        ExitCode.USAGE,
                        "output " + out + " is the input file" + (in.equals(out) ? "" : " " + in + " (same file)")
                                + ": it would be replaced by the filtered copy; write to another file",
                        null);
            }
        } catch (NoSuchFileException e) {
            // gone between the checks: the open below reports it
        }
    }

    /**
     * Background threads by default: the read and write system calls overlap with the scan (see docs/decisions.md).
     * The {@value #IO_PROPERTY} system property (an {@link IoMode} name) lets benchmarks compare the two.
     */
    static IoMode ioMode() {
        String mode = System.getProperty(IO_PROPERTY, IoMode.BACKGROUND_THREADS.name());
        try {
            return IoMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    "-D" + IO_PROPERTY + "=" + mode + " is not one of " + Arrays.toString(IoMode.values()),
                    e);
        }
    }

    /** A regular file can be cut into chunks for several threads (positional reads); a pipe or device cannot. */
    private boolean splittable(InputStream input) {
        return input instanceof FileInputStream && Files.isRegularFile(Path.of(in));
    }

    /** Beyond this many, more threads only add memory: the writes of the output in order become the limit. */
    static final int MAX_DEFAULT_THREADS = 8;

    int threads() {
        if (threads == null) {
            return Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS);
        }
        if (threads < 1) {
            throw new CliException(ExitCode.USAGE, "--threads must be at least 1, got " + threads, null);
        }
        return threads;
    }

    FilterRule rule() {
        return FilterRule.defaults()
                .withThreshold(threshold)
                .withOp(op)
                .withColumns(columns)
                .withMatch(match)
                .withRagged(strict ? RaggedRowPolicy.REJECT : RaggedRowPolicy.TOLERATE);
    }

    /** One logfmt line: easy to read, and easy for scripts (bench/filter-bench.sh) to parse. */
    static String summaryLine(FilterRule rule, FilterSummary s) {
        double seconds = s.elapsed().toNanos() / 1e9;
        double mbPerSecond = seconds > 0 ? s.bytesIn() / 1e6 / seconds : 0;
        return String.format(
                Locale.ROOT,
                "sluice filter: ok rule=\"%s\" rows_read=%d rows_kept=%d ragged_rows=%d non_numeric_cells=%d"
                        + " bytes_in=%d bytes_out=%d elapsed_s=%.3f mb_per_s=%.1f",
                rule.describe(),
                s.rowsRead(),
                s.rowsKept(),
                s.raggedRows(),
                s.nonNumericCells(),
                s.bytesIn(),
                s.bytesOut(),
                seconds,
                mbPerSecond);
    }

    private InputStream openInput() throws IOException {
        if (STDIO.equals(in)) {
            return new FilterInputStream(std.in()) {
                @Override
                public void close() {
                    // stdin belongs to the process
                }
            };
        }
        Path path = Path.of(in);
        if (!Files.exists(path)) {
            throw new CliException(ExitCode.IO, "input file not found: " + in, null);
        }
        if (Files.isDirectory(path)) {
            throw new CliException(ExitCode.IO, "input " + in + " is a directory", null);
        }
        try {
            // No BufferedInputStream: the engine reads into its own 1 MiB buffer; another buffer would only add a copy.
            // FileInputStream, not Files.newInputStream: ~5% less CPU per GB here (no channel locking per read).
            return new FileInputStream(path.toFile());
        } catch (FileNotFoundException e) { // what FileInputStream throws for any open failure, e.g. permissions
            throw new CliException(ExitCode.IO, "cannot read input: " + e.getMessage(), e);
        }
    }

    private CommittableOutput openOutput() throws IOException {
        if (STDIO.equals(out)) {
            return CommittableOutput.toStream(std.out());
        }
        try {
            return CommittableOutput.toFile(Path.of(out));
        } catch (AccessDeniedException | FileNotFoundException e) {
            throw new CliException(ExitCode.IO, "cannot write output " + out + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }

    /** The threshold follows the cell grammar, so NaN, Infinity or 0x10 cannot sneak in through Double.valueOf. */
    static final class ThresholdConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            OptionalDouble number = CsvNumbers.parse(value);
            if (number.isEmpty()) {
                throw new TypeConversionException("'" + value + "' is not a number (expected e.g. 4.7, -3, 1e3)");
            }
            return number.getAsDouble();
        }
    }

    static final class SizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return Converters.wrap(() -> CsvLimits.parseSize(value));
        }
    }

    static final class ComparisonConverter implements ITypeConverter<Comparison> {
        @Override
        public Comparison convert(String value) {
            return Converters.wrap(() -> Comparison.parse(value));
        }
    }

    static final class MatchConverter implements ITypeConverter<MatchMode> {
        @Override
        public MatchMode convert(String value) {
            return Converters.wrap(() -> MatchMode.parse(value));
        }
    }

    static final class ColumnsConverter implements ITypeConverter<ColumnSelection> {
        @Override
        public ColumnSelection convert(String value) {
            return Converters.wrap(() -> ColumnSelection.parse(value));
        }
    }
}
