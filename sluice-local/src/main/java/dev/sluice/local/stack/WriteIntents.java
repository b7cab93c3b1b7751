package dev.sluice.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Object writes in progress, on disk ({@code events/writing/}), so a crash cannot lose one. A write's intent is
 * recorded before S3Proxy starts writing and removed only after the write has completed and its event is in the
 * journal. If the stack is killed in between (the object may be complete on disk while its event was never written,
 * or S3Proxy's temporary file {@code <key>-<uuid>} may be left behind), the intent is still there at the next start,
 * and {@link LocalStack} reconciles the key: the temporary files go, and a complete object gets its event again.
 */
final class WriteIntents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write in progress. */
    record Intent(Path file, String bucket, String key) {}

    private final Path dir;
    private final AtomicLong counter = new AtomicLong();

    WriteIntents(Path eventsDir) {
        this.dir = eventsDir.resolve("writing");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    Intent begin(String bucket, String key) {
        Path file = dir.resolve(
                String.format("%016x-%06d.json", System.currentTimeMillis(), counter.incrementAndGet() % 1_000_000));
        try {
            // Not atomic on purpose: a torn intent means the kill came before the write it announces began.
            Files.writeString(
                    file,
                    JSON.createObjectNode()
                            .put("bucket", bucket)
                            .put("key", key)
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the write of " + bucket + "/" + key, e);
        }
        return new Intent(file, bucket, key);
    }

    void end(Intent intent) {
        try {
            Files.deleteIfExists(intent.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + intent.file(), e);
        }
    }

    /** Intents a previous run left (it was killed mid-write); unreadable ones (torn) are removed. */
    List<Intent> leftOver() {
        List<Intent> intents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                JsonNode node = readOrNull(file);
                if (node == null
                        || !node.path("bucket").isTextual()
                        || !node.path("key").isTextual()) {
                    Files.deleteIfExists(file);
                } else {
                    intents.add(new Intent(
                            file, node.path("bucket").asText(), node.path("key").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return intents;
    }

    private static JsonNode readOrNull(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }
}
