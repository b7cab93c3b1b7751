package dev.sluice.local.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import dev.sluice.core.csv.IoMode;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code sluice filter} in-process with injected stdin/stdout/stderr, as the launcher would. */
class SluiceCliFilterTest {

    private static final String CSV = "name,price,qty\na,5.5,1\nb,1.0,2\n\"c, d\",9,\"x\"\"y\"\n";

    @TempDir
    Path dir;

    private byte[] stdin = new byte[0];
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int sluice(String... args) {
        StdStreams std = new StdStreams(new ByteArrayInputStream(stdin), stdout, new PrintStream(stderr, true, UTF_8));
        return SluiceCli.run(std, args);
    }

    private String stderrText() {
        return stderr.toString(UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void seedFixtureWithFirstColumnSemanticsKeepsTheSeedRowsByteForByte() throws IOException {
        Path in = dir.resolve("valid.csv");
        try (InputStream fixture = getClass().getResourceAsStream("/seed/agero/valid.csv")) {
            Files.copy(fixture, in);
        }
        Path out = dir.resolve("out.csv");

        int exit = sluice("filter", "--columns", "1", in.toString(), out.toString());

        assertThat(exit).isZero();
        // The fixture starts with a blank line (dropped); 10, 123.0, 33, 12.2 are kept as written (no 10 -> 10.0).
        assertThat(out).hasContent("random_nums\n10\n123.0\n33\n12.2\n");
        assertThat(stderrText())
                .startsWith("sluice filter: ok rule=\"gt 4.7 columns=1 match=any\"")
                .contains(" rows_read=10 rows_kept=4 ");
    }

    @Test
    void dirtySeedFixtureSkipsNonNumericCellsAndExcludesTheThresholdItself() throws IOException {
        Path in = dir.resolve("dirty.csv");
        try (InputStream fixture = getClass().getResourceAsStream("/seed/agero/dirty.csv")) {
            Files.copy(fixture, in);
        }
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", "--columns", "1", in.toString(), out.toString()))
                .isZero();

        assertThat(out).hasContent("header\n10\n09.1\n10.1\n");
        assertThat(stderrText()).contains(" non_numeric_cells=2 ");
    }

    @Test
    void successPrintsOneSummaryLineWithEveryCountOnStderr() throws IOException {
        Path in = write("in.csv", CSV);

        assertThat(sluice("filter", in.toString(), dir.resolve("out.csv").toString()))
                .isZero();

        assertThat(stderrText())
                .matches("sluice filter: ok rule=\"gt 4\\.7 columns=\\* match=any\" rows_read=3 rows_kept=2"
                        + " ragged_rows=0 non_numeric_cells=\\d+ bytes_in=" + CSV.length()
                        + " bytes_out=\\d+ elapsed_s=\\d+\\.\\d{3}"
                        + " mb_per_s=\\d+\\.\\d\\R");
    }

    @Test
    void dashMeansStdinAndStdout() {
        stdin = CSV.getBytes(UTF_8);

        int exit = sluice("filter", "--columns", "price", "--op", "le", "--threshold", "1", "-", "-");

        assertThat(exit).isZero();
        assertThat(stdout.toString(UTF_8)).isEqualTo("name,price,qty\nb,1.0,2\n");
        assertThat(stderrText()).startsWith("sluice filter: ok ");
    }

    @Test
    void anExistingOutputIsReplacedOnSuccessAndNoTemporaryFileRemains() throws IOException {
        Path in = write("in.csv", CSV);
        Path out = write("out.csv", "old content\n");

        int exit = sluice(
                "filter",
                "--match",
                "all",
                "--columns",
                "price,3",
                "--threshold",
                "0.5",
                in.toString(),
                out.toString());

        assertThat(exit).isZero();
        assertThat(out).hasContent("name,price,qty\na,5.5,1\nb,1.0,2\n"); // row c: qty is not numeric

        assertThat(filesInDir()).containsExactly(in, out);
    }

    @Test
    void anOutputThatIsADeviceIsWrittenInPlaceNotReplaced() throws IOException {
        Path in = write("in.csv", CSV);
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "needs a /dev/null device");

        assertThat(sluice("filter", in.toString(), devNull.toString())).isZero();

        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.size(devNull)).isZero();
    }

    @Test
    void malformedInputFailsWithExitOneAndLeavesNoOutputFile() throws IOException {
        Path in = write("bad.csv", "h\n1\n\"open quote\n2\n");
        Path out = dir.resolve("out.csv");

        int exit = sluice("filter", in.toString(), out.toString());

        assertThat(exit).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(stderrText())
                .startsWith("sluice filter: line 3: ")
                .doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void aFailedRunLeavesAnExistingOutputAsItWas() throws IOException {
        Path in = write("bad.csv", "h\n\"open quote\n");
        Path out = write("out.csv", "previous result\n");

        assertThat(sluice("filter", in.toString(), out.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());

        assertThat(out).hasContent("previous result\n");
        assertThat(filesInDir()).containsExactly(in, out);
    }

    @Test
    void emptyInputHasNoHeaderAndFailsWithExitOne() throws IOException {
        Path in = write("empty.csv", "\n\n");

        assertThat(sluice("filter", in.toString(), dir.resolve("out.csv").toString()))
                .isEqualTo(1);

        assertThat(stderrText()).startsWith("sluice filter: ").hasLineCount(1);
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void strictRejectsARaggedRowButTheDefaultCountsIt() throws IOException {
        Path in = write("ragged.csv", "a,b\n5,6\n7\n");
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", "--strict", in.toString(), out.toString())).isEqualTo(1);
        assertThat(out).doesNotExist();
        assertThat(stderrText()).startsWith("sluice filter: line 3").hasLineCount(1);

        stderr.reset();
        assertThat(sluice("filter", in.toString(), out.toString())).isZero();
        assertThat(out).hasContent("a,b\n5,6\n7\n");
        assertThat(stderrText()).contains(" ragged_rows=1 ");
    }

    @Test
    void anUnknownColumnIsAConfigurationErrorNamingIt() throws IOException {
        Path in = write("in.csv", CSV);

        int exit = sluice(
                "filter",
                "--columns",
                "prize",
                in.toString(),
                dir.resolve("out.csv").toString());

        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderrText()).startsWith("sluice filter: ").contains("prize").hasLineCount(1);
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void aMissingInputIsAnIoErrorAndCreatesNothing() throws IOException {
        int exit = sluice(
                "filter",
                dir.resolve("nope.csv").toString(),
                dir.resolve("out.csv").toString());

        assertThat(exit).isEqualTo(ExitCode.IO.code());
        assertThat(stderrText()).isEqualTo("sluice filter: input file not found: " + dir.resolve("nope.csv") + "\n");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void anOutputInAMissingFolderIsAnIoError() throws IOException {
        Path in = write("in.csv", CSV);

        int exit =
                sluice("filter", in.toString(), dir.resolve("no/such/out.csv").toString());

        assertThat(exit).isEqualTo(ExitCode.IO.code());
        assertThat(stderrText())
                .isEqualTo("sluice filter: output folder does not exist: " + dir.resolve("no/such") + "\n");
    }

    @Test
    void badOptionValuesAreUsageErrorsOnOneLine() throws IOException {
        Path in = write("in.csv", CSV);
        String out = dir.resolve("out.csv").toString();

        assertThat(sluice("filter", "--op", "bigger", in.toString(), out)).isEqualTo(2);
        assertThat(stderrText())
                .startsWith("sluice filter: Invalid value for option '--op'")
                .contains("gt")
                .endsWith("(see 'sluice filter --help')\n")
                .hasLineCount(1);

        stderr.reset();
        assertThat(sluice("filter", "--threshold", "NaN", in.toString(), out)).isEqualTo(2);
        assertThat(stderrText()).contains("'NaN' is not a number").hasLineCount(1);

        stderr.reset();
        assertThat(sluice("filter", "--match", "most", in.toString(), out)).isEqualTo(2);
        assertThat(stderrText()).contains("--match").hasLineCount(1);

        stderr.reset();
        assertThat(sluice("filter", in.toString())).isEqualTo(2);
        assertThat(stderrText())
                .contains("Missing required parameter")
                .contains("OUT")
                .hasLineCount(1);
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void aReadFailureOnTheReadAheadThreadIsAnIoErrorAndLeavesNoOutputFile() throws IOException {
        InputStream failing = new InputStream() {
            private boolean headerGiven;

            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (headerGiven) {
                    throw new IOException("disk gone");
                }
                headerGiven = true;
                byte[] header = "a,b\n9,9\n".getBytes(UTF_8);
                System.arraycopy(header, 0, b, off, header.length);
                return header.length;
            }
        };
        StdStreams std = new StdStreams(failing, stdout, new PrintStream(stderr, true, UTF_8));

        int exit = SluiceCli.run(std, "filter", "-", dir.resolve("out.csv").toString());

        assertThat(exit).isEqualTo(ExitCode.IO.code());
        assertThat(stderrText()).isEqualTo("sluice filter: I/O error: disk gone\n");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void aWriteFailureOnTheWriterThreadIsAnIoError() throws IOException {
        Path in = write("in.csv", CSV);
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StdStreams std =
                new StdStreams(new ByteArrayInputStream(new byte[0]), full, new PrintStream(stderr, true, UTF_8));

        int exit = SluiceCli.run(std, "filter", in.toString(), "-");

        assertThat(exit).isEqualTo(ExitCode.IO.code());
        assertThat(stderrText()).isEqualTo("sluice filter: I/O error: No space left on device\n");
    }

    @Test
    void bothIoModesWriteTheSameFile() throws IOException {
        Path in = write("in.csv", CSV);
        try {
            for (IoMode io : IoMode.values()) {
                System.setProperty(FilterCommand.IO_PROPERTY, io.name());
                assertThat(sluice(
                                "filter",
                                in.toString(),
                                dir.resolve(io + ".csv").toString()))
                        .isZero();
                assertThat(dir.resolve(io + ".csv")).hasContent("name,price,qty\na,5.5,1\n\"c, d\",9,\"x\"\"y\"\n");
            }
            System.setProperty(FilterCommand.IO_PROPERTY, "MANY_THREADS");
            stderr.reset();
            assertThat(sluice("filter", in.toString(), dir.resolve("out.csv").toString()))
                    .isEqualTo(ExitCode.USAGE.code());
            assertThat(stderrText())
                    .isEqualTo(
                            "sluice filter: -Dsluice.filter.io=MANY_THREADS is not one of [CALLER_THREAD, BACKGROUND_THREADS]\n");
        } finally {
            System.clearProperty(FilterCommand.IO_PROPERTY);
        }
        assertThat(FilterCommand.ioMode()).isEqualTo(IoMode.BACKGROUND_THREADS);
    }

    @Test
    void severalThreadsWriteTheSameFileAsOne() throws IOException {
        StringBuilder csv = new StringBuilder("name,price,qty\r\n");
        for (int i = 0; i < 200_000; i++) { // about 3 MB: more than one 2 MiB chunk
            csv.append(i % 7 == 0 ? "\"q\n" + i + "\"" : "r" + i)
                    .append(',')
                    .append(i % 10)
                    .append(".5,x\r\n");
        }
        Path in = write("in.csv", csv.toString());

        assertThat(sluice(
                        "filter",
                        "--threads",
                        "1",
                        in.toString(),
                        dir.resolve("one.csv").toString()))
                .isZero();
        assertThat(sluice(
                        "filter",
                        "--threads",
                        "3",
                        in.toString(),
                        dir.resolve("three.csv").toString()))
                .isZero();

        assertThat(Files.mismatch(dir.resolve("one.csv"), dir.resolve("three.csv")))
                .isEqualTo(-1L);
        assertThat(stderrText()).contains("rows_kept=100000 ");
    }

    @Test
    void fewerThanOneThreadIsAUsageError() throws IOException {
        Path in = write("in.csv", CSV);

        assertThat(sluice(
                        "filter",
                        "--threads",
                        "0",
                        in.toString(),
                        dir.resolve("out.csv").toString()))
                .isEqualTo(ExitCode.USAGE.code());

        assertThat(stderrText()).isEqualTo("sluice filter: --threads must be at least 1, got 0\n");
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void aNegativeThresholdIsAValueNotAnOption() throws IOException {
        Path in = write("in.csv", "v\n-2\n-0.5\n");

        assertThat(sluice("filter", "--threshold", "-1", "--op", "lt", in.toString(), "-"))
                .isZero();

        assertThat(stdout.toString(UTF_8)).isEqualTo("v\n-2\n");
    }

    @Test
    void theDefaultsAreTheCoreRuleDefaults() {
        var parsed = SluiceCli.commandLine(new StdStreams(InputStream.nullInputStream(), stdout, System.err))
                .parseArgs("filter", "in.csv", "out.csv");
        FilterCommand filter = parsed.subcommand().commandSpec().commandLine().getCommand();

        assertThat(filter.rule().describe()).isEqualTo(FilterRule.defaults().describe());
        assertThat(filter.rule()).isEqualTo(FilterRule.defaults());
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefaultAndTheExitCodes() {
        assertThat(sluice("filter", "--help")).isZero();

        String help = stdout.toString(UTF_8).replaceAll("\\s+", " ");
        assertThat(help)
                .contains(
                        "Usage: sluice filter [-hV] [--strict] [--columns=LIST] [--match=any|all] [--max-record-size=SIZE] [--op=OP]"
                                + " [--threads=N] [--threshold=N] IN OUT")
                .contains("--threads=N Threads that filter a file side by side")
                .contains("Default: the number of processors, at most 8.")
                .contains("--threshold=N The number each selected cell is compared with")
                .contains("Default: 4.7.")
                .contains("--op=OP The comparison")
                .contains("gt, ge, lt, le, eq or ne. Default: gt.")
                .contains("--columns=LIST")
                .contains("--columns 1 is the seed behaviour")
                .contains("Default: *.")
                .contains("--match=any|all")
                .contains("Default: any.")
                .contains("--strict")
                .contains("Default: off")
                .contains("IN The input CSV file, or - for stdin.")
                .contains("OUT The output file, or - for stdout.")
                .contains("Exit codes: 0 success 1 invalid input")
                .contains("2 bad usage")
                .contains("3 I/O error")
                .contains("70 internal error");
    }

    @Test
    void topLevelHelpListsTheFilterCommand() {
        assertThat(sluice("--help")).isZero();

        assertThat(stdout.toString(UTF_8))
                .contains("Usage: sluice [-hV] [COMMAND]")
                .contains("filter");
    }

    @Test
    void versionNamesSluiceAndTheJavaRuntime() {
        assertThat(sluice("--version")).isZero();

        assertThat(stdout.toString(UTF_8)).startsWith("sluice 0.1.0-SNAPSHOT").contains("Java " + Runtime.version());
    }

    @Test
    void noCommandShowsUsageOnStderrAndFails() {
        assertThat(sluice()).isEqualTo(ExitCode.USAGE.code());

        assertThat(stderrText()).contains("Usage: sluice");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void theSummaryLineIsStableLogfmt() {
        FilterSummary summary = new FilterSummary(10, 4, 1, 2, 2_000_000, 500_000, Duration.ofMillis(250));

        assertThat(FilterCommand.summaryLine(FilterRule.defaults(), summary))
                .isEqualTo(
                        "sluice filter: ok rule=\"gt 4.7 columns=* match=any\" rows_read=10 rows_kept=4 ragged_rows=1"
                                + " non_numeric_cells=2 bytes_in=2000000 bytes_out=500000 elapsed_s=0.250 mb_per_s=8.0");
    }
}
