package dev.sluice.lambda.runtime;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entries;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.sluice.aws.failure.ObjectSkipped;
import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3EventRecords;
import dev.sluice.aws.s3.S3ObjectRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The template every S3-triggered function runs: each record of the event is processed (none is dropped), skips are
 * counted, failures are classified, permanent ones get an error report (which a later successful run of the key
 * deletes), every outcome is logged as one JSON line and counted as a metric. Thin handlers call
 * {@link #handleS3Event} or {@link #handleSqsEvent}; the local stack calls {@link #process} directly.
 */
public final class ObjectPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectPipeline.class);

    private final ObjectProcessor processor;
    private final KeyPolicy keys;
    private final ErrorReports errorReports;
    private final PipelineMetrics metrics;

    public ObjectPipeline(
            ObjectProcessor processor, KeyPolicy keys, ErrorReports errorReports, PipelineMetrics metrics) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.errorReports = Objects.requireNonNull(errorReports, "errorReports");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * S3 trigger: processes every record; throws {@link InvocationFailedException} when any object failed
     * transiently, so Lambda retries the event (objects that succeeded are rewritten identically).
     */
    public void handleS3Event(S3EventNotification event, Context context) {
        InvocationReport report = withLogging(context, () -> {
            List<S3ObjectRef> objects = S3EventRecords.from(event);
            try {
                return process(objects);
            } finally {
                metrics.flush();
            }
        });
        if (report.needsRetry()) {
            throw new InvocationFailedException(report);
        }
    }

    /**
     * SQS trigger (S3 → SQS → Lambda with {@code ReportBatchItemFailures}): a message is reported as failed when any
     * of its objects failed transiently or its body is not an S3 event, so only those messages return to the queue
     * (and reach its dead-letter queue after the redrive limit). {@code s3:TestEvent} messages succeed.
     */
    public SQSBatchResponse handleSqsEvent(SQSEvent event, Context context) {
        return withLogging(context, () -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            try {
                for (SQSEvent.SQSMessage message : messages(event)) {
                    if (!processMessage(message)) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    }
                }
            } finally {
                metrics.flush();
            }
            return new SQSBatchResponse(failures);
        });
    }

    private boolean processMessage(SQSEvent.SQSMessage message) {
        List<S3ObjectRef> objects;
        try {
            objects = S3EventRecords.fromJson(message.getBody());
        } catch (S3EventRecords.MalformedEventException e) {
            LOG.error(
                    "message is not an S3 event notification; it goes back to the queue and then to its DLQ",
                    entry("messageId", message.getMessageId()),
                    entry("reason", "MALFORMED_EVENT"),
                    entry("errorMessage", e.getMessage()));
            return false;
        }
        if (objects.isEmpty()) {
            LOG.info("s3:TestEvent ignored", entry("messageId", message.getMessageId()));
        }
        return !process(objects).needsRetry();
    }

    /** Processes the objects one after another and reports every outcome. Never throws for one object's failure. */
    public InvocationReport process(List<S3ObjectRef> objects) {
        List<ObjectOutcome> outcomes = new ArrayList<>(objects.size());
        for (S3ObjectRef object : objects) {
            ObjectOutcome outcome = processOne(object);
            log(outcome);
            metrics.record(outcome);
            outcomes.add(outcome);
        }
        return new InvocationReport(outcomes);
    }

    private ObjectOutcome processOne(S3ObjectRef object) {
        var skip = keys.skipReason(object);
        if (skip.isPresent()) {
            return new ObjectOutcome.Skipped(object, skip.get(), "key " + object.key());
        }
        long start = System.nanoTime();
        try {
            ObjectResult result = processor.process(object);
            clearStaleReport(object);
            return new ObjectOutcome.Processed(object, result, since(start));
        } catch (ObjectSkipped e) {
            return new ObjectOutcome.Skipped(object, e.reason(), e.getMessage());
        } catch (PermanentFailure e) {
            return park(object, e, start);
        } catch (Exception e) {
            return new ObjectOutcome.Failed(object, asTransient(object, e), since(start), null);
        }
    }

    /** An error report of an earlier run would contradict this success; the retry deletes it if this cannot. */
    private void clearStaleReport(S3ObjectRef object) {
        try {
            errorReports.clear(object);
        } catch (RuntimeException e) {
            throw new TransientFailure(
                    "ERROR_REPORT_CLEAR_FAILED",
                    "processed " + object.uri() + " but could not"
                            + " delete the error report an earlier run left for it: " + e.getMessage(),
                    e);
        }
    }

    /** Writes the error report; if even that fails, the object is retried instead of being lost. */
    private ObjectOutcome park(S3ObjectRef object, PermanentFailure failure, long start) {
        try {
            return new ObjectOutcome.Failed(object, failure, since(start), errorReports.write(object, failure));
        } catch (RuntimeException e) {
            TransientFailure retry = new TransientFailure(
                    "ERROR_REPORT_FAILED",
                    "could not write the error report for " + object.uri() + " (" + failure.reason() + ": "
                            + failure.getMessage() + "): " + e.getMessage(),
                    e);
            retry.addSuppressed(failure);
            return new ObjectOutcome.Failed(object, retry, since(start), null);
        }
    }

    private static TransientFailure asTransient(S3ObjectRef object, Exception e) {
        if (e instanceof TransientFailure t) {
            return t;
        }
        String reason = e instanceof IOException || e instanceof UncheckedIOException || e instanceof SdkException
                ? "IO_FAILED"
                : "UNEXPECTED";
        return new TransientFailure(reason, "processing " + object.uri() + " failed: " + e, e);
    }

    private static void log(ObjectOutcome outcome) {
        S3ObjectRef o = outcome.object();
        switch (outcome) {
            case ObjectOutcome.Processed p -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("outcome", "processed");
                fields.put("bucket", o.bucket());
                fields.put("key", o.key());
                fields.put("output", p.result().output());
                fields.putAll(p.result().counts());
                fields.putAll(p.result().bytes());
                fields.put("ms", p.elapsed().toMillis());
                LOG.info("object processed", entries(fields));
            }
            case ObjectOutcome.Skipped s ->
                LOG.info(
                        "object skipped",
                        entry("outcome", "skipped"),
                        entry("bucket", o.bucket()),
                        entry("key", o.key()),
                        entry("reason", s.reason().name()),
                        entry("detail", s.detail()));
            case ObjectOutcome.Failed f ->
                LOG.error(
                        f.isTransient()
                                ? "object failed; will be retried"
                                : "object failed permanently; error report written",
                        entry("outcome", f.isTransient() ? "retry" : "failed"),
                        entry("bucket", o.bucket()),
                        entry("key", o.key()),
                        entry("reason", f.failure().reason()),
                        entry("line", f.failure().line()),
                        entry("errorMessage", f.failure().getMessage()),
                        entry("errorReport", f.reportLocation()),
                        entry("ms", f.elapsed().toMillis()));
        }
    }

    private static <T> T withLogging(Context context, java.util.function.Supplier<T> work) {
        return context == null ? work.get() : PowertoolsLogging.withLogging(context, work);
    }

    private static List<SQSEvent.SQSMessage> messages(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
