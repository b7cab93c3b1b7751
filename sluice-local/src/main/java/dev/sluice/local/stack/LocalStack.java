package dev.sluice.local.stack;

import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.testkit.LocalClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The embedded local stack: an S3-compatible endpoint on 127.0.0.1 (S3Proxy, filesystem backend, so data survives
 * restarts; any access key is accepted) whose "ObjectCreated" events invoke registered functions in-process,
 * asynchronously, with Lambda's retry semantics. Everything lives under the data folder:
 * {@code s3/} (buckets), {@code events/pending/}, {@code events/dead-letter/}.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().port(4566).dataDir(Path.of(".sluice"))
 *         .bucket("sluice-source").bucket("sluice-filtered")
 *         .route("filter", "sluice-source", ".csv", ctx -> pipeline(ctx.s3())::process)
 *         .start()) { ... }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /** How long a clean stop waits for running invocations (a large file may take a while). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local");
    /** S3Proxy's temporary-file suffix after {@code <key>-}: a random UUID. */
    private static final Pattern TEMPORARY_SUFFIX =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client s3;
    private final Path dataDir;
    private final EventJournal journal;
    private final List<Route> routes;
    private final Object admission = new Object();
    private final Map<String, CompletableFuture<Settled>> settled = new ConcurrentHashMap<>();
    private final List<InvocationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AsyncInvoker invoker;

    /** An object's final outcome, as seen by {@link #awaitSettled}. */
    public record Settled(String route, ObjectOutcome outcome, int attempts, Path deadLetter) {}

    private LocalStack(Builder b) throws Exception {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        Path s3Dir = Files.createDirectories(dataDir.resolve("s3"));
        this.journal = new EventJournal(dataDir.resolve("events"));
        WriteIntents intents = new WriteIntents(dataDir.resolve("events"));
        this.routes = List.copyOf(b.routes);
        NotifyingBlobStore notifying = new NotifyingBlobStore(
                new InFlightWritesHidingBlobStore(new FilesystemNio2BlobStore(s3Dir.toString())),
                this::onObjectCreated,
                intents);
        BlobStore store = b.decorate.apply(new DotSegmentKeysRejectingBlobStore(notifying));
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + HOST + ":" + b.port))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState())) {
                throw new IOException("the S3 endpoint could not start on " + HOST + ":" + b.port);
            }
            Thread.sleep(2);
        }
        this.endpoint = URI.create("http://" + HOST + ":" + proxy.getPort());
        this.s3 = LocalClients.s3(endpoint);
        b.buckets.forEach(this::ensureBucket);
        StackContext context = new StackContext(s3, endpoint, dataDir);
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (Route route : routes) {
            functions.put(route.name(), route.factory().apply(context));
        }
        InvocationListener fanOut = (route, outcome, attempts, deadLetter) -> {
            settled.computeIfAbsent(
                            keyOf(outcome.object().bucket(), outcome.object().key()), k -> new CompletableFuture<>())
                    .complete(new Settled(route, outcome, attempts, deadLetter));
            listeners.forEach(l -> l.settled(route, outcome, attempts, deadLetter));
        };
        AsyncInvoker started = new AsyncInvoker(journal, functions, fanOut, b.workers, b.firstBackoff);
        synchronized (admission) {
            List<EventJournal.PendingEvent> leftOver = journal.pending();
            invoker = started;
            leftOver.forEach(started::submit);
            recoverInterruptedWrites(intents, notifying, s3Dir);
        }
    }

    /**
     * Writes a kill interrupted (see {@link WriteIntents}): S3Proxy's temporary files of the key are removed (they
     * would otherwise be listed as objects for ever), and a complete object gets its event again, since whether it
     * was persisted before the kill is unknown (processing twice is harmless: outputs are deterministic).
     */
    private void recoverInterruptedWrites(WriteIntents intents, NotifyingBlobStore notifying, Path s3Dir) {
        for (WriteIntents.Intent intent : intents.leftOver()) {
            removeTemporaryFiles(s3Dir, intent.bucket(), intent.key());
            if (notifying.blobExists(intent.bucket(), intent.key())) {
                LOG.warn(
                        "{}/{}: its write was interrupted by a crash; the object is complete, its event is sent again",
                        intent.bucket(),
                        intent.key());
                notifying.notifyRecovered(intent.bucket(), intent.key());
            }
            intents.end(intent);
        }
    }

    /** S3Proxy's filesystem store writes {@code <key>-<uuid>} beside the key, then renames it. */
    private static void removeTemporaryFiles(Path s3Dir, String bucket, String key) {
        Path target;
        try {
            target = s3Dir.resolve(bucket).resolve(key).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return;
        }
        Path folder = target.getParent();
        if (folder == null || !target.startsWith(s3Dir) || !Files.isDirectory(folder)) {
            return;
        }
        String prefix = target.getFileName() + "-";
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix)
                        && TEMPORARY_SUFFIX
                                .matcher(name.substring(prefix.length()))
                                .matches()
                        && Files.isRegularFile(file)) {
                    Files.delete(file);
                    LOG.warn("{}/{}: removed the temporary file {} of an interrupted write", bucket, key, file);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clean up the interrupted write of " + bucket + "/" + key, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path deadLetterDir() {
        return journal.deadLetterDir();
    }

    /** A client for the embedded endpoint (owned by the stack). */
    public S3Client s3() {
        return s3;
    }

    public void addListener(InvocationListener listener) {
        listeners.add(listener);
    }

    /**
     * Waits until the latest event for {@code bucket/key} settled (processed, skipped, parked or dead-lettered). Call
     * {@link #forget} before re-uploading a key to wait for the new upload rather than an earlier one.
     */
    public Settled awaitSettled(String bucket, String key, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return settled.computeIfAbsent(keyOf(bucket, key), k -> new CompletableFuture<>())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The events whose retries all failed, oldest first. */
    public List<DeadLetter> deadLetters() {
        return journal.deadLetters().stream()
                .map(d -> new DeadLetter(d.id(), d.route(), d.attempts(), d.error(), d.eventJson()))
                .toList();
    }

    /** A dead-lettered event: its route, how many attempts it had, the last error and the S3 event JSON. */
    public record DeadLetter(String id, String route, int attempts, String error, String eventJson) {}

    /**
     * Sends a dead-lettered event to its function again, as a new event with fresh retries (what redriving a DLQ
     * does in AWS). Returns false when there is no such dead letter (already redelivered).
     *
     * @throws IllegalArgumentException when {@code id} is not an event id
     */
    public boolean redeliver(String id) {
        synchronized (admission) {
            java.util.Optional<EventJournal.PendingEvent> event = journal.redeliver(id);
            event.ifPresent(e -> {
                settled.remove(keysOf(e));
                if (invoker != null) {
                    invoker.submit(e);
                }
            });
            return event.isPresent();
        }
    }

    /** The object the event names (local events carry one record), so awaitSettled waits for the new outcome. */
    private static String keysOf(EventJournal.PendingEvent event) {
        return dev.sluice.aws.s3.S3EventRecords.fromJson(event.eventJson()).stream()
                .map(o -> keyOf(o.bucket(), o.key()))
                .findFirst()
                .orElse("");
    }

    public void forget(String bucket, String key) {
        settled.remove(keyOf(bucket, key));
    }

    private static String keyOf(String bucket, String key) {
        return bucket + "/" + key;
    }

    /** Runs on the S3 request thread: the event is on disk before the client gets its 200. */
    private void onObjectCreated(ObjectCreated event) {
        for (Route route : routes) {
            if (route.matches(event)) {
                String json = S3EventJson.of(
                        event, "sluice-local-" + route.name(), Clock.systemUTC().instant());
                synchronized (admission) {
                    EventJournal.PendingEvent pending = journal.persist(route.name(), json);
                    if (invoker != null) {
                        invoker.submit(pending);
                    }
                }
            }
        }
    }

    private void ensureBucket(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Clean stop: running invocations finish; events not yet run stay on disk for the next start. */
    @Override
    public void close() throws Exception {
        close(DEFAULT_STOP_TIMEOUT);
    }

    public void close(Duration timeout) throws Exception {
        try {
            if (invoker != null) {
                invoker.stop(timeout);
            }
        } finally {
            s3.close();
            proxy.stop();
        }
    }

    public static final class Builder {
        private int port = 4566;
        private Path dataDir = Path.of(".sluice");
        private final Set<String> buckets = new LinkedHashSet<>();
        private final List<Route> routes = new ArrayList<>();
        private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Duration firstBackoff = Duration.ofSeconds(1);
        private UnaryOperator<BlobStore> decorate = UnaryOperator.identity();

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Created at start when missing. */
        public Builder bucket(String name) {
            buckets.add(name);
            return this;
        }

        /** Wires ObjectCreated events in {@code bucket} for keys ending with {@code suffix} to a function. */
        public Builder route(
                String name, String bucket, String suffix, Function<StackContext, LocalFunction> function) {
            if (routes.stream().anyMatch(r -> r.name().equals(name))) {
                throw new IllegalArgumentException("a route named '" + name + "' is already registered");
            }
            routes.add(new Route(name, bucket, suffix, function));
            buckets.add(bucket);
            return this;
        }

        /** Concurrent invocations (Lambda's concurrency, locally). */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Delay before the first retry; it doubles for the second. */
        public Builder firstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
            return this;
        }

        /** Wraps the blob store under the endpoint (tests inject faults this way). */
        public Builder decorate(UnaryOperator<BlobStore> decorate) {
            this.decorate = decorate;
            return this;
        }

        public LocalStack start() throws Exception {
            return new LocalStack(this);
        }
    }
}
