package dev.sluice.local.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code GET /api/errors}: the functions' open error reports (the filter's and the metadata function's
 * {@code _errors/…}, the loader's {@code dynamodb/…rejects.csv} and {@code …error.json}), newest first;
 * {@code GET /api/errors/content?bucket=B&key=K}: one report's text. Only keys under a report location are served:
 * the console is not a general S3 browser.
 */
public final class ErrorReportsEndpoint {

    /** Where a function writes its reports. */
    public record Location(String bucket, String prefix) {}

    /** Reports listed (newest first): enough for a person to see; the rest is in the bucket. */
    static final int MAX_LISTED = 100;

    /** A report's text is cut here: a rejects file of a huge CSV stays readable in the browser. */
    static final int MAX_CONTENT_BYTES = 256 * 1024;

    private final S3Client s3;
    private final List<Location> locations;

    public ErrorReportsEndpoint(S3Client s3, List<Location> locations) {
        this.s3 = s3;
        this.locations = List.copyOf(locations);
    }

    public Endpoint list() {
        return request -> {
            request.allow(Set.of());
            List<S3Listed> found = new ArrayList<>();
            for (Location location : locations) {
                try {
                    s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.prefix()))
                            .contents()
                            .forEach(o -> found.add(new S3Listed(location.bucket(), o)));
                } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
                    // not created yet: no reports there
                }
            }
            List<Map<String, Object>> reports = found.stream()
                    .sorted(Comparator.comparing((S3Listed l) -> l.object().lastModified())
                            .reversed())
                    .limit(MAX_LISTED)
                    .map(l -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("bucket", l.bucket());
                        row.put("key", l.object().key());
                        row.put("size", l.object().size());
                        row.put("lastModified", l.object().lastModified().toString());
                        return row;
                    })
                    .toList();
            return Response.json(Map.of("reports", reports, "total", found.size()));
        };
    }

    private record S3Listed(String bucket, S3Object object) {}

    public Endpoint content() {
        return request -> {
            request.allow(Set.of("bucket", "key"));
            String bucket = request.required("bucket");
            String key = request.required("key");
            if (locations.stream().noneMatch(l -> l.bucket().equals(bucket) && key.startsWith(l.prefix()))
                    || key.contains("..")) {
                throw new BadRequestException("s3://" + bucket + "/" + key + " is not an error report location");
            }
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(key))) {
                String text = read(in);
                String type = key.endsWith(".json") ? "application/json" : "text/plain";
                return Response.text(200, type + "; charset=utf-8", text);
            } catch (NoSuchKeyException e) {
                throw new NotFoundException("no report s3://" + bucket + "/" + key + " (deleted by a later run?)");
            }
        };
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CONTENT_BYTES + 1);
        if (bytes.length <= MAX_CONTENT_BYTES) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(bytes, 0, MAX_CONTENT_BYTES, StandardCharsets.UTF_8) + "\n... (cut at "
                + MAX_CONTENT_BYTES / 1024 + " KiB; the whole report is in the bucket)\n";
    }
}
