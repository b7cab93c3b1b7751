package dev.sluice.notifier;

import java.time.Instant;
import java.util.Optional;

/**
 * The e-mail: a subject naming the function and the error type, and a plain-text body a person on call can act on
 * without opening the console.
 */
public record AlertMessage(String subject, String body) {

    /** SNS's limit for an e-mail subject: ASCII, no line break, under 100 characters. */
    static final int MAX_SUBJECT_CHARS = 99;

    /** Keeps the mail readable and well inside SNS's 256 KB message limit. */
    static final int MAX_FIELD_CHARS = 4_000;

    public static AlertMessage of(ErrorLine error, LogBatch batch, long suppressedBefore, Instant previousSince) {
        String subject = subject("Sluice ERROR in " + error.function() + ": " + error.errorType());
        StringBuilder body = new StringBuilder();
        body.append(error.function())
                .append(" failed with ")
                .append(error.errorType())
                .append(".\n\n");
        line(body, "Function", error.function());
        line(body, "Error type", error.errorType());
        line(body, "Object key", error.subject());
        error.batchId().ifPresent(id -> line(body, "Batch id", id));
        line(body, "Message", error.errorMessage());
        if (!error.description().isBlank() && !error.description().equals(error.errorMessage())) {
            line(body, "What happened", error.description());
        }
        line(body, "Time (UTC)", error.time().toString());
        line(body, "Request id", error.requestId());
        line(body, "Log group", batch.logGroup());
        line(body, "Log stream", batch.logStream());
        body.append('\n');
        if (suppressedBefore > 0) {
            body.append(suppressedBefore)
                    .append(" more alert(s) for the same function, error type and key were suppressed in the window")
                    .append(Optional.ofNullable(previousSince)
                            .map(t -> " that began " + t)
                            .orElse(""))
                    .append(".\n");
        }
        body.append("Further identical errors are counted, not mailed, until the de-duplication window ends.\n");
        return new AlertMessage(subject, body.toString());
    }

    private static void line(StringBuilder body, String label, String value) {
        String v = value == null ? "-" : value;
        if (v.length() > MAX_FIELD_CHARS) {
            v = v.substring(0, MAX_FIELD_CHARS) + " [truncated]";
        }
        body.append(String.format("%-14s %s%n", label + ":", v));
    }

    private static String subject(String raw) {
        StringBuilder s = new StringBuilder();
        raw.codePoints().forEach(c -> s.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return s.length() > MAX_SUBJECT_CHARS ? s.substring(0, MAX_SUBJECT_CHARS - 3) + "..." : s.toString();
    }
}
