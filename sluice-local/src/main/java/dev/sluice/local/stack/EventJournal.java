package dev.sluice.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Events on disk, so none is lost: each is written to {@code pending/} before the S3 request that caused it returns,
 * removed once its invocation succeeds, and moved to {@code dead-letter/} with the error after its last retry. Events
 * still pending at start-up (the stack was stopped or killed) are invoked again.
 */
final class EventJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path pending;
    private final Path deadLetter;
    private final AtomicLong counter = new AtomicLong();

    EventJournal(Path dir) {
        this.pending = dir.resolve("pending");
        this.deadLetter = dir.resolve("dead-letter");
        try {
            Files.createDirectories(pending);
            Files.createDirectories(deadLetter);
            removeTornWrites(pending);
            removeTornWrites(deadLetter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event folders under " + dir, e);
        }
    }

    /**
     * A {@code .tmp} file is an event write a kill interrupted before its atomic rename: the S3 request that caused it
     * never got its 200, and {@link WriteIntents} re-emits the event if the object is complete. Never read, so remove.
     */
    private static void removeTornWrites(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path tmp : files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    Path deadLetterDir() {
        return deadLetter;
    }

    /** An event waiting for (another) invocation. */
    record PendingEvent(String id, String route, String eventJson) {}

    PendingEvent persist(String route, String eventJson) {
        // Ids sort in arrival order, also across restarts (clock first).
        String id = String.format("%016x-%06d", System.currentTimeMillis(), counter.incrementAndGet() % 1_000_000);
        ObjectNode node = JSON.createObjectNode();
        node.put("route", route);
        node.set("event", readTree(eventJson));
        writeAtomically(pending.resolve(id + ".json"), node.toPrettyString());
        return new PendingEvent(id, route, eventJson);
    }

    List<PendingEvent> pending() {
        try (Stream<Path> files = Files.list(pending)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(this::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pending, e);
        }
    }

    void complete(PendingEvent event) {
        try {
            Files.deleteIfExists(pending.resolve(event.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the processed event " + event.id(), e);
        }
    }

    Path deadLetter(PendingEvent event, int attempts, String error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("route", event.route());
        node.put("attempts", attempts);
        node.put("error", error);
        node.set("event", readTree(event.eventJson()));
        Path target = deadLetter.resolve(event.id() + ".json");
        writeAtomically(target, node.toPrettyString());
        complete(event);
        return target;
    }

    private PendingEvent load(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            String name = file.getFileName().toString();
            return new PendingEvent(
                    name.substring(0, name.length() - ".json".length()),
                    node.path("route").asText(),
                    node.path("event").toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pending event " + file, e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static void writeAtomically(Path target, String content) {
        try {
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
