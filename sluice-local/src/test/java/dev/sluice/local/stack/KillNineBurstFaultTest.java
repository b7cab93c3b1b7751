package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.LocalClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code kill -9} of the local stack (a child JVM) at random points of a 500-file burst, then a restart on the same
 * data folder: every file stored ends with exactly one output or one error report, none is lost, and no temporary
 * file is ever listed. Slow (child JVMs, hundreds of files): tagged {@code faults}, run by .ci/run. The seed is
 * printed; {@code -Dsluice.faults.seed=N} replays a run.
 */
@Tag("faults")
class KillNineBurstFaultTest {

    static final int FILES = 500;
    static final int KILLS = 3;
    /** Every MALFORMED_EVERY-th file has a quote left open: it must end with an error report, not an output. */
    static final int MALFORMED_EVERY = 25;

    static final long SETTLE_TIMEOUT_MS = 240_000;
    static final Pattern TEMPORARY_NAME =
            Pattern.compile(".*-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}$");

    @TempDir
    Path work;

    @Test
    void everyStoredFileEndsWithExactlyOneOutputOrErrorReportAcrossKillNineAndRestarts() throws Exception {
        long seed = Long.getLong("sluice.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        TreeSet<Integer> killAt = new TreeSet<>();
        while (killAt.size() < KILLS) {
            killAt.add(20 + random.nextInt(FILES - 40));
        }
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Set<String> acknowledged = new HashSet<>();
        Set<String> unacknowledged = new HashSet<>();
        int kills = 0;
        Child child = Child.start(work, dataDir, 0);
        try {
            for (int i = 0; i < FILES; i++) {
                String key = key(i);
                if (killAt.contains(i)) {
                    child.killAfter(random.nextInt(40)); // lands during this upload or one of the next few
                }
                try {
                    child.s3.putObject(
                            b -> b.bucket(FilterStack.SOURCE_BUCKET).key(key), RequestBody.fromBytes(body(i)));
                    acknowledged.add(key);
                } catch (SdkException e) {
                    // The kill came during this upload: the client never got its 200 (the object may or may not be
                    // stored; a real client would retry, this one does not, to exercise recovery).
                    unacknowledged.add(key);
                    child.awaitDeath();
                    kills++;
                    child = Child.start(work, dataDir, kills);
                }
            }
            if (child.killed()) { // a kill scheduled for the last files landed after the last upload
                child.awaitDeath();
                kills++;
                child = Child.start(work, dataDir, kills);
            }

            Outcome outcome = awaitEveryStoredFileSettled(child.s3);

            int tried = outcome.stored.size();
            Set<String> passed = outcome.stored.stream()
                    .filter(k -> isMalformed(k)
                            ? outcome.reports.contains(k) && !outcome.outputs.contains(k)
                            : outcome.outputs.contains(k) && !outcome.reports.contains(k))
                    .collect(Collectors.toSet());
            Set<String> lost = outcome.stored.stream()
                    .filter(k -> !outcome.outputs.contains(k) && !outcome.reports.contains(k))
                    .collect(Collectors.toSet());
            Set<String> missingAcknowledged = new HashSet<>(acknowledged);
            missingAcknowledged.removeAll(outcome.stored);
            System.out.printf(
                    "faults: kill-9 burst: cases tried %d, passed %d, objects lost %d (files %d, kill -9 %d,"
                            + " unacknowledged uploads %d, outputs %d, error reports %d, temporary names listed %d,"
                            + " seed %d)%n",
                    tried,
                    passed.size(),
                    lost.size() + missingAcknowledged.size(),
                    FILES,
                    kills,
                    unacknowledged.size(),
                    outcome.outputs.size(),
                    outcome.reports.size(),
                    outcome.temporaryNames.size(),
                    seed);

            assertThat(kills).as("kill -9 happened").isGreaterThan(0);
            assertThat(missingAcknowledged).as("acknowledged uploads stored").isEmpty();
            assertThat(lost)
                    .as("stored files with neither output nor error report (seed " + seed + ")")
                    .isEmpty();
            assertThat(passed).as("files with exactly the one right outcome").hasSize(tried);
            assertThat(outcome.temporaryNames)
                    .as("temporary names listed as objects")
                    .isEmpty();
        } finally {
            child.stop();
        }
    }

    private record Outcome(Set<String> stored, Set<String> outputs, Set<String> reports, List<String> temporaryNames) {}

    private static Outcome awaitEveryStoredFileSettled(S3Client s3) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MS;
        while (true) {
            List<String> sourceKeys = keys(s3, FilterStack.SOURCE_BUCKET);
            List<String> temporary = sourceKeys.stream()
                    .filter(k -> TEMPORARY_NAME.matcher(k).matches())
                    .toList();
            Set<String> stored = sourceKeys.stream()
                    .filter(k -> !TEMPORARY_NAME.matcher(k).matches())
                    .collect(Collectors.toSet());
            Set<String> outputs = new HashSet<>();
            Set<String> reports = new HashSet<>();
            for (String k : keys(s3, FilterStack.FILTERED_BUCKET)) {
                if (k.startsWith("_errors/") && k.endsWith(".json")) {
                    reports.add(k.substring("_errors/".length(), k.length() - ".json".length()));
                } else {
                    outputs.add(k);
                }
            }
            boolean settled = stored.stream().allMatch(k -> outputs.contains(k) || reports.contains(k));
            if (settled || System.currentTimeMillis() > deadline) {
                return new Outcome(stored, outputs, reports, temporary);
            }
            Thread.sleep(250);
        }
    }

    private static List<String> keys(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    static String key(int i) {
        return String.format("burst/f-%03d.csv", i);
    }

    static boolean isMalformed(String key) {
        return Integer.parseInt(key.substring("burst/f-".length(), key.length() - ".csv".length())) % MALFORMED_EVERY
                == 0;
    }

    /** Small CSVs, every tenth ~200 KB (so some kills land mid-write), every 25th malformed. */
    static byte[] body(int i) {
        StringBuilder csv = new StringBuilder("name,score\n");
        int rows = i % 10 == 3 ? 20_000 : 5;
        for (int r = 0; r < rows; r++) {
            csv.append("row-").append(r).append(',').append(r % 10).append(".5\n");
        }
        if (i % MALFORMED_EVERY == 0) {
            csv.append("\"open,1\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The stack in a child JVM; its output goes to a file (a pipe nobody reads would block it). */
    static final class Child {
        final Process process;
        final S3Client s3;
        private volatile boolean killed;

        private Child(Process process, URI endpoint) {
            this.process = process;
            this.s3 = LocalClients.s3(endpoint);
        }

        static Child start(Path work, Path dataDir, int generation) throws IOException, InterruptedException {
            Path log = work.resolve("child-" + generation + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrashableStackMain.class.getName(),
                    dataDir.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(log)) {
                    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                        if (line.startsWith("READY ")) {
                            return new Child(
                                    process,
                                    URI.create(line.substring("READY ".length()).trim()));
                        }
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the stack did not start:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the stack did not start within 60 s:\n" + Files.readString(log));
        }

        /** SIGKILL (destroyForcibly on Unix) after {@code millis}, from another thread. */
        void killAfter(int millis) {
            killed = true;
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process.destroyForcibly();
            });
        }

        boolean killed() {
            return killed;
        }

        void awaitDeath() throws InterruptedException {
            if (!killed) {
                process.destroyForcibly(); // an upload failed without a kill: treat it as one
            }
            process.waitFor(30, TimeUnit.SECONDS);
            s3.close();
        }

        void stop() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            s3.close();
        }
    }
}
