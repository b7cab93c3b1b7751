package dev.sluice.local.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./sluice} launcher (bash, JDK lookup, class path, exec) on the packaged jar, in a child process. */
class LauncherIT {

    private static final Path LAUNCHER =
            Path.of(System.getProperty("sluice.launcher", "../sluice")).toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int exit, String stdout, String stderr) {}

    private Result sluice(Path stdin, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args))
                        .toList())
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(
                        stdin == null
                                ? ProcessBuilder.Redirect.from(
                                        Path.of("/dev/null").toFile())
                                : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().put("SLUICE_SKIP_BUILD", "1"); // this build just packaged the jar; no Maven inside Maven
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("launcher finished")
                .isTrue();
        return new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }

    @Test
    void versionRunsThePackagedCli() throws Exception {
        Result result = sluice(null, "--version");

        assertThat(result.exit()).isZero();
        assertThat(result.stdout()).startsWith("sluice 0.1.0-SNAPSHOT\nJava ");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void filterStreamsStdinToStdoutWithRelativePathsResolvedFromTheCallersFolder() throws Exception {
        Path in = Files.writeString(dir.resolve("in.csv"), "h,v\na,5\nb,4\n", UTF_8);

        Result piped = sluice(in, "filter", "--columns", "v", "-", "-");
        Result toFile = sluice(null, "filter", "--columns", "2", "in.csv", "out.csv");

        assertThat(piped.exit()).isZero();
        assertThat(piped.stdout()).isEqualTo("h,v\na,5\n"); // nothing but CSV on stdout (JVM messages go to stderr)
        assertThat(piped.stderr()).startsWith("sluice filter: ok ");
        assertThat(toFile.exit()).isZero();
        assertThat(dir.resolve("out.csv")).hasContent("h,v\na,5\n");
    }

    @Test
    void filterRunsWithAnAotCacheMadeOnceBesideTheJarAndNothingButTheSummaryOnStderr() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path in = Files.writeString(dir.resolve("in.csv"), "h,v\na,5\nb,4\n", UTF_8);

        Result first = sluice(null, "filter", "in.csv", "out.csv");
        List<Path> caches = aotCaches();
        assertThat(caches).hasSize(1);
        FileTime made = Files.getLastModifiedTime(caches.get(0));
        Result second = sluice(null, "filter", "in.csv", "out.csv");

        assertThat(aotCaches()).isEqualTo(caches);
        assertThat(Files.getLastModifiedTime(caches.get(0)))
                .as("made once, then reused")
                .isEqualTo(made);
        for (Result result : List.of(first, second)) {
            assertThat(result.exit()).isZero();
            assertThat(result.stderr()).startsWith("sluice filter: ok ").hasLineCount(1);
        }
        assertThat(dir.resolve("out.csv")).hasContent("h,v\na,5\n");
    }

    private static List<Path> aotCaches() throws IOException {
        try (Stream<Path> files = Files.list(LAUNCHER.getParent().resolve("sluice-local/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("sluice-filter-.+\\.aot"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void exitCodesAndOneLineErrorsPassThroughTheLauncher() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "h\n\"open\n", UTF_8);

        Result invalid = sluice(null, "filter", "bad.csv", "out.csv");
        Result usage = sluice(null, "filter", "--op", "bigger", "bad.csv", "out.csv");
        Result missing = sluice(null, "filter", "nope.csv", "out.csv");

        assertThat(List.of(invalid.exit(), usage.exit(), missing.exit())).containsExactly(1, 2, 3);
        assertThat(invalid.stderr()).startsWith("sluice filter: line 2: ").hasLineCount(1);
        assertThat(usage.stderr())
                .startsWith("sluice filter: Invalid value for option '--op'")
                .hasLineCount(1);
        assertThat(missing.stderr()).isEqualTo("sluice filter: input file not found: nope.csv\n");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }
}
