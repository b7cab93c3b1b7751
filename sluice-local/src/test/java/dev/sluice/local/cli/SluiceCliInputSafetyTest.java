package dev.sluice.local.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.StdStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 (input side) through {@code sluice filter}: no input gives a wrong output with a success. Each test here
 * failed before the fix (exit 0 with a wrong file, a replaced input, a stack trace, or "I/O error: Broken pipe").
 */
class SluiceCliInputSafetyTest {

    private static final String CSV = "reading,name\n5,x\n1,y\n9.5,z\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int sluice(InputStream stdin, OutputStream stdout, String... args) {
        return SluiceCli.run(new StdStreams(stdin, stdout, new PrintStream(stderr, true, UTF_8)), args);
    }

    private int sluice(String... args) {
        return sluice(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), args);
    }

    private String stderrText() {
        return stderr.toString(UTF_8);
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aUtf16FileWithAByteOrderMarkFailsWithExitOneNamingTheEncodingInsteadOfAHeaderOnlyOk() throws IOException {
        Path in = Files.write(dir.resolve("utf16.csv"), ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_16LE));
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", in.toString(), out.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());

        assertThat(stderrText())
                .isEqualTo("sluice filter: line 1: the input looks like UTF-16LE (it starts with a UTF-16LE byte order"
                        + " mark); Sluice reads UTF-8 (or ASCII) only: convert it first, e.g. iconv -f UTF-16LE -t"
                        + " UTF-8\n");
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void aUtf16FileWithoutAByteOrderMarkFailsToo() throws IOException {
        Path in = Files.write(dir.resolve("utf16.csv"), CSV.getBytes(StandardCharsets.UTF_16BE));

        assertThat(sluice("filter", in.toString(), dir.resolve("out.csv").toString()))
                .isEqualTo(ExitCode.INVALID_INPUT.code());

        assertThat(stderrText())
                .contains("UTF-16BE (without a byte order mark)")
                .hasLineCount(1);
    }

    @Test
    void crOnlyLineEndsAreRowsAndARowThatFailsTheRuleIsNotKept() throws IOException {
        Path in = Files.write(dir.resolve("mac.csv"), "reading,name\r5,x\r1,y\r9.5,z\r".getBytes(ISO_8859_1));
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", in.toString(), out.toString())).isZero();

        assertThat(Files.readString(out, ISO_8859_1)).isEqualTo("reading,name\r5,x\r9.5,z\r");
        assertThat(stderrText()).contains(" rows_read=3 rows_kept=2 ");
    }

    @Test
    void mixedLineEndsSplitRowsAndKeptRowsKeepTheirOwnLineEnds() throws IOException {
        Path in = Files.write(dir.resolve("mixed.csv"), "reading,name\n5,x\r1,y\r\n9.5,z\n2,w\r".getBytes(ISO_8859_1));
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", in.toString(), out.toString())).isZero();

        assertThat(Files.readString(out, ISO_8859_1)).isEqualTo("reading,name\n5,x\r9.5,z\n");
        assertThat(stderrText()).contains(" rows_read=4 rows_kept=2 ragged_rows=0 ");
    }

    @Test
    void aFieldOverTheDefaultRecordLimitFailsWithOneLineGivingItsLineNumber() throws IOException {
        Path in = dir.resolve("big.csv");
        try (OutputStream file = Files.newOutputStream(in)) {
            file.write("reading,name\n5,x\n9,".getBytes(UTF_8));
            byte[] chunk = "y".repeat(1 << 20).getBytes(UTF_8);
            for (int i = 0; i < 17; i++) { // 17 MiB > the 16 MiB default
                file.write(chunk);
            }
            file.write("\n1,z\n".getBytes(UTF_8));
        }
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", in.toString(), out.toString())).isEqualTo(ExitCode.INVALID_INPUT.code());

        assertThat(stderrText())
                .isEqualTo("sluice filter: line 3: record is longer than the maximum record size of 16 MiB (16777216"
                        + " bytes); is a quote left open? (raise the limit with --max-record-size if the row is"
                        + " real)\n");
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void maxRecordSizeSetsTheLimitAndABadValueIsAUsageError() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "a,b\n9," + "y".repeat(3000) + "\n");
        String out = dir.resolve("out.csv").toString();

        assertThat(sluice("filter", "--max-record-size", "2K", in.toString(), out))
                .isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(stderrText())
                .startsWith("sluice filter: line 2: record is longer than the maximum record size of 2"
                        + " KiB (2048 bytes)");

        stderr.reset();
        assertThat(sluice("filter", "--max-record-size", "4K", in.toString(), out))
                .isZero();

        stderr.reset();
        assertThat(sluice("filter", "--max-record-size", "lots", in.toString(), out))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(stderrText()).contains("'lots' is not a size").hasLineCount(1);
    }

    @Test
    void outOfMemoryIsOneLineNotAStackTrace() {
        InputStream exhausting = new InputStream() {
            @Override
            public int read() {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        int exit = sluice(exhausting, new ByteArrayOutputStream(), "filter", "-", "-");

        assertThat(exit).isEqualTo(ExitCode.INTERNAL.code());
        assertThat(stderrText())
                .startsWith("sluice filter: out of memory (Java heap space); for filter, lower --max-record-size")
                .hasLineCount(1);
    }

    @Test
    void theOutputCannotBeTheInputItself() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), CSV);

        assertThat(sluice("filter", in.toString(), in.toString())).isEqualTo(ExitCode.USAGE.code());

        assertThat(stderrText())
                .isEqualTo("sluice filter: output " + in + " is the input file: it would be replaced by the filtered"
                        + " copy; write to another file\n");
        assertThat(in).hasContent(CSV);
        assertThat(filesInDir()).containsExactly(in);
    }

    @Test
    void theOutputCannotBeASymbolicOrHardLinkToTheInput() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), CSV);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), in.getFileName());
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), in);

        assertThat(sluice("filter", in.toString(), symlink.toString())).isEqualTo(ExitCode.USAGE.code());
        assertThat(sluice("filter", in.toString(), hardLink.toString())).isEqualTo(ExitCode.USAGE.code());

        assertThat(stderrText())
                .contains("is the input file " + in + " (same file)")
                .hasLineCount(2);
        assertThat(in).hasContent(CSV);
        assertThat(Files.isSymbolicLink(symlink)).isTrue();
    }

    @Test
    void aSymbolicLinkOutputIsWrittenThroughToItsTargetAndStaysALink() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), CSV);
        Path target = Files.writeString(dir.resolve("target.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target.getFileName());

        assertThat(sluice("filter", in.toString(), link.toString())).isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("reading,name\n5,x\n9.5,z\n");
        assertThat(filesInDir()).containsExactly(in, link, target);
    }

    @Test
    void aSymbolicLinkToAMissingFileIsRefused() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), CSV);
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("nowhere.csv"));

        assertThat(sluice("filter", in.toString(), link.toString())).isEqualTo(ExitCode.IO.code());

        assertThat(stderrText()).contains("is a symbolic link to a missing file (nowhere.csv)");
        assertThat(filesInDir()).containsExactly(in, link);
    }

    @Test
    void aClosedStdoutEndsQuietlyWithTheSigpipeStatus() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), CSV);
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        int exit = sluice(new ByteArrayInputStream(new byte[0]), closedPipe, "filter", in.toString(), "-");

        assertThat(exit).isEqualTo(141);
        assertThat(stderrText()).isEmpty();
    }

    @Test
    void duplicateHeaderNamesGiveOneWarningLineBeforeTheSummary() throws IOException {
        Path in = Files.writeString(dir.resolve("in.csv"), "a,b,a\n1,1,9\n1,9,1\n");
        Path out = dir.resolve("out.csv");

        assertThat(sluice("filter", "--columns", "a", in.toString(), out.toString()))
                .isZero();

        assertThat(out).hasContent("a,b,a\n1,1,9\n"); // both columns named a are tested
        assertThat(stderrText())
                .startsWith("sluice filter: warning: the header has more than one column named 'a'; --columns NAME"
                        + " selects every column with that name\nsluice filter: ok ")
                .hasLineCount(2);
    }

    @Test
    void helpStatesEncodingsLineEndsTheRecordLimitAndDuplicateNames() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        assertThat(sluice(new ByteArrayInputStream(new byte[0]), stdout, "filter", "--help"))
                .isZero();
        String help = stdout.toString(UTF_8).replaceAll("\\s+", " ");
        assertThat(help)
                .contains("UTF-16/UTF-32 and other encodings are refused")
                .contains("a lone CR (old Mac files)")
                .contains("--max-record-size=SIZE")
                .contains("Default: 16MiB")
                .contains("selects all of them")
                .contains("141 stdout closed early");
    }
}
