package dev.sluice.notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one delivery of log lines into alerts: each ERROR line is de-duplicated, then mailed. A mail that cannot be
 * sent gives its claim back and fails the run (the asynchronous invocation is retried; errors already mailed in
 * this delivery are then suppressed, not mailed twice).
 */
public final class ErrorNotifier {

    /** What one delivery produced. */
    public record Summary(int errors, List<AlertMessage> sent, int suppressed) {
        public Summary {
            sent = List.copyOf(sent);
        }
    }

    private final AlertDeduplicator dedup;
    private final AlertPublisher publisher;

    public ErrorNotifier(AlertDeduplicator dedup, AlertPublisher publisher) {
        this.dedup = dedup;
        this.publisher = publisher;
    }

    public Summary notify(LogBatch batch) {
        if (batch.isControlMessage()) {
            return new Summary(0, List.of(), 0);
        }
        int errors = 0;
        int suppressed = 0;
        List<AlertMessage> sent = new ArrayList<>();
        for (LogBatch.Event event : batch.events()) {
            Optional<ErrorLine> parsed = ErrorLine.parse(batch, event);
            if (parsed.isEmpty()) {
                continue;
            }
            ErrorLine error = parsed.get();
            errors++;
            switch (dedup.decide(error)) {
                case AlertDeduplicator.Decision.Suppressed s -> suppressed++;
                case AlertDeduplicator.Decision.Send send -> {
                    AlertMessage message =
                            AlertMessage.of(error, batch, send.suppressedBefore(), send.previousWindowStart());
                    try {
                        publisher.publish(message);
                    } catch (RuntimeException e) {
                        dedup.release(error, send);
                        throw new AlertDeliveryException(
                                "could not publish the alert for " + error.function() + "/" + error.errorType() + ": "
                                        + e.getMessage(),
                                e);
                    }
                    sent.add(message);
                }
            }
        }
        return new Summary(errors, sent, suppressed);
    }
}
