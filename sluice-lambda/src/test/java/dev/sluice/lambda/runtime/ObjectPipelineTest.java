package dev.sluice.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3ObjectRef;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The template's classification and bookkeeping, with in-memory collaborators. */
class ObjectPipelineTest {

    private static final S3ObjectRef CSV = S3ObjectRef.of("in", "a.csv");
    private final List<String> reports = new ArrayList<>();

    private ObjectPipeline pipeline(ObjectProcessor processor, ErrorReports errorReports) {
        return new ObjectPipeline(processor, KeyPolicy.suffix(".csv"), errorReports, PipelineMetrics.none());
    }

    private final List<String> cleared = new ArrayList<>();

    /** Records written reports in {@code reports} and cleared ones in {@code cleared}. */
    private final ErrorReports recording = new ErrorReports() {
        @Override
        public String write(S3ObjectRef object, PermanentFailure failure) {
            reports.add(object.key() + ":" + failure.reason());
            return "s3://out/_errors/" + object.key() + ".json";
        }

        @Override
        public void clear(S3ObjectRef object) {
            cleared.add(object.key());
        }
    };

    /** Error reports that cannot be written or deleted. */
    private static final ErrorReports UNREACHABLE = new ErrorReports() {
        @Override
        public String write(S3ObjectRef object, PermanentFailure failure) {
            throw new IllegalStateException("destination unreachable");
        }

        @Override
        public void clear(S3ObjectRef object) {
            throw new IllegalStateException("destination unreachable");
        }
    };

    @Test
    void permanentFailuresAreParkedAndDoNotNeedARetry() {
        var report = pipeline(
                        o -> {
                            throw new PermanentFailure("MALFORMED_CSV", "line 3: quote left open", 3, null);
                        },
                        recording)
                .process(List.of(CSV));

        assertThat(report.needsRetry()).isFalse();
        assertThat(reports).containsExactly("a.csv:MALFORMED_CSV");
        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.reportLocation()).isEqualTo("s3://out/_errors/a.csv.json");
            assertThat(f.failure().line()).isEqualTo(3);
        });
    }

    @Test
    void anErrorReportThatCannotBeWrittenTurnsThePermanentFailureIntoARetry() {
        var report = pipeline(
                        o -> {
                            throw new PermanentFailure("MALFORMED_CSV", "bad", 3, null);
                        },
                        UNREACHABLE)
                .process(List.of(CSV));

        assertThat(report.needsRetry()).isTrue();
        assertThat(report.transientFailures()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("ERROR_REPORT_FAILED");
            assertThat(f.failure().getMessage())
                    .isEqualTo(
                            "could not write the error report for s3://in/a.csv (MALFORMED_CSV: bad): destination unreachable");
            assertThat(f.failure().getSuppressed()).hasSize(1);
        });
    }

    @Test
    void onlyAProcessedObjectClearsTheErrorReportOfItsEarlierRuns() {
        pipeline(
                        o -> {
                            if (o.key().equals("bad.csv")) {
                                throw new PermanentFailure("MALFORMED_CSV", "bad", 3, null);
                            }
                            if (o.key().equals("flaky.csv")) {
                                throw new IOException("socket closed");
                            }
                            return new ObjectResult("ok", Map.of("RowsIn", 1L), Map.of());
                        },
                        recording)
                .process(List.of(
                        S3ObjectRef.of("in", "good.csv"),
                        S3ObjectRef.of("in", "bad.csv"),
                        S3ObjectRef.of("in", "flaky.csv"),
                        S3ObjectRef.of("in", "skipped.txt")));

        assertThat(cleared).containsExactly("good.csv");
        assertThat(reports).containsExactly("bad.csv:MALFORMED_CSV");
    }

    @Test
    void aStaleReportThatCannotBeDeletedTurnsTheSuccessIntoARetry() {
        var report = pipeline(o -> new ObjectResult("ok", Map.of("RowsIn", 1L), Map.of()), UNREACHABLE)
                .process(List.of(CSV));

        assertThat(report.needsRetry()).isTrue();
        assertThat(report.transientFailures()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("ERROR_REPORT_CLEAR_FAILED");
            assertThat(f.failure().getMessage())
                    .isEqualTo("processed s3://in/a.csv but could not delete the error"
                            + " report an earlier run left for it: destination unreachable");
        });
    }

    @Test
    void unexpectedExceptionsAreTransientAndNamed() {
        var io = pipeline(
                        o -> {
                            throw new IOException("socket closed");
                        },
                        recording)
                .process(List.of(CSV));
        var bug = pipeline(
                        o -> {
                            throw new NullPointerException("oops");
                        },
                        recording)
                .process(List.of(CSV));

        assertThat(io.transientFailures())
                .singleElement()
                .satisfies(f -> assertThat(f.failure().reason()).isEqualTo("IO_FAILED"));
        assertThat(bug.transientFailures())
                .singleElement()
                .satisfies(f -> assertThat(f.failure().reason()).isEqualTo("UNEXPECTED"));
        assertThat(reports).isEmpty();
    }

    @Test
    void oneFailingObjectDoesNotStopTheOthers() {
        var report = pipeline(
                        o -> {
                            if (o.key().equals("b.csv")) {
                                throw new IOException("boom");
                            }
                            return new ObjectResult("ok", Map.of("RowsIn", 1L), Map.of());
                        },
                        recording)
                .process(List.of(
                        S3ObjectRef.of("in", "a.csv"),
                        S3ObjectRef.of("in", "b.csv"),
                        S3ObjectRef.of("in", "c.csv"),
                        S3ObjectRef.of("in", "d.txt")));

        assertThat(report.processed()).extracting(p -> p.object().key()).containsExactly("a.csv", "c.csv");
        assertThat(report.transientFailures()).extracting(f -> f.object().key()).containsExactly("b.csv");
        assertThat(report.skipped()).extracting(s -> s.object().key()).containsExactly("d.txt");
    }

    @Test
    void metricsCountEveryOutcomeKind() {
        List<String> recorded = new ArrayList<>();
        Metrics fake = (Metrics) Proxy.newProxyInstance(
                Metrics.class.getClassLoader(), new Class<?>[] {Metrics.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addMetric")) {
                        recorded.add(args[0] + "=" + args[1] + " " + ((MetricUnit) args[2]).getName());
                    }
                    return null;
                });
        var metrics = new PowertoolsPipelineMetrics(fake);
        var duration = java.time.Duration.ofMillis(12);
        metrics.record(new ObjectOutcome.Processed(
                CSV, new ObjectResult("o", Map.of("RowsIn", 3L), Map.of("BytesIn", 30L)), duration));
        metrics.record(new ObjectOutcome.Skipped(CSV, SkipReason.FOLDER, "x"));
        metrics.record(new ObjectOutcome.Skipped(CSV, SkipReason.SUPERSEDED, "overwritten while processed"));
        metrics.record(new ObjectOutcome.Failed(CSV, new PermanentFailure("R", "m", null), duration, "r"));
        metrics.record(new ObjectOutcome.Failed(CSV, new TransientFailure("R", "m", null), duration, null));

        assertThat(recorded)
                .containsExactly(
                        "FilesProcessed=1.0 Count",
                        "ProcessingTime=12.0 Milliseconds",
                        "RowsIn=3.0 Count",
                        "BytesIn=30.0 Bytes",
                        "FilesSkipped=1.0 Count",
                        "FilesSkipped=1.0 Count",
                        "FilesSuperseded=1.0 Count",
                        "FilesFailed=1.0 Count",
                        "FilesRetried=1.0 Count");
    }
}
