package dev.sluice.lambda.dynamodb;

import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.aws.s3.S3Objects;
import dev.sluice.core.csv.CsvWriter;
import dev.sluice.core.mapping.MappedRow;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The rejected rows of one file, streamed to {@code dynamodb/<key>.rejects.csv}: columns {@code line}, {@code reason},
 * then the file's own header, each row with its original cells. Nothing is written (or buffered) until the first
 * reject; the object becomes visible only on {@link #publish()}, so a failed run never leaves half a report, and a run
 * without rejects deletes the report an earlier run left, so the report always describes the latest load.
 */
final class RejectsFile {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final List<String> header;
    private S3MultipartOutputStream out;
    private CsvWriter csv;
    private long count;

    RejectsFile(S3Client s3, String bucket, String key, List<String> header) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.header = header;
    }

    void add(long line, MappedRow.Rejected row) throws IOException {
        if (out == null) {
            open();
        }
        csv.field(Long.toString(line)).field(row.describe());
        // An empty cell stays an empty unquoted cell, as it was in the source.
        row.fields().forEach(cell -> csv.field(cell.isEmpty() ? null : cell));
        csv.endRecord();
        count++;
    }

    long count() {
        return count;
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** Makes the report visible; when no row was rejected, deletes the key's report of an earlier run, if any. */
    void publish() throws IOException {
        if (out != null) {
            csv.flush();
            out.close();
            return;
        }
        try {
            S3Objects.deleteIfPresent(s3, bucket, key);
        } catch (SdkException e) {
            throw new TransientFailure(
                    "REJECTS_CLEAR_FAILED",
                    "could not delete the rejects file an earlier run left, " + uri() + ": " + e.getMessage(),
                    e);
        }
    }

    void abort() {
        if (out != null) {
            out.abort();
        }
    }

    private void open() throws IOException {
        out = new S3MultipartOutputStream(
                s3,
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType("text/csv; charset=utf-8")
                        .build());
        csv = new CsvWriter(out);
        csv.field("line").field("reason");
        header.forEach(csv::field);
        csv.endRecord();
    }
}
