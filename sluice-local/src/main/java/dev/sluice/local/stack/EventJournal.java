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

    /** A dead-lettered event as the console lists it. */
    record DeadLetter(String id, String route, int attempts, String error, String eventJson) {}

    /** Ids as {@link #persist} makes them: nothing else names a file in the journal. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-f]{16}-\\d{6}");

    List<DeadLetter> deadLetters() {
        try (Stream<Path> files = Files.list(deadLetter)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(file -> {
                        String name = file.getFileName().toString();
                        JsonNode node = readFile(file);
                        return new DeadLetter(
                                name.substring(0, name.length() - ".json".length()),
                                node.path("route").asText(),
                                node.path("attempts").asInt(),
                                node.path("error").asText(),
                                node.path("event").toString());
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + deadLetter, e);
        }
    }

    /**
     * Moves a dead-lettered event back to {@code pending/} under a new id (it runs as a new event, with fresh
     * retries), or returns empty when there is no such dead letter (already redelivered, or never was).
     *
     * @throws IllegalArgumentException when {@code id} is not an event id
     */
    java.util.Optional<PendingEvent> redeliver(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "not a dead-letter id: '" + id + "' (expected 16 hex digits, '-', 6 digits)");
        }
        Path file = deadLetter.resolve(id + ".json");
        synchronized (this) { // two clicks on 'redeliver' must not run the event twice
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            JsonNode node = readFile(file);
            PendingEvent event =
                    persist(node.path("route").asText(), node.path("event").toString());
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the redelivered dead letter " + file, e);
            }
            return java.util.Optional.of(event);
        }
    }

    private static JsonNode readFile(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
