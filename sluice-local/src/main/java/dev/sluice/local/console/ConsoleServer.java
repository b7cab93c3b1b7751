package dev.sluice.local.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local web console: the JDK's HTTP server on the loopback address only (nothing else can reach it), a few
 * JSON endpoints and the page that charts them. Every failure becomes a JSON {@code {"error": ...}} with its status
 * (400 for a bad parameter, 404, 405, 500): a stack trace goes to the log, never to the browser.
 *
 * <pre>{@code
 * ConsoleServer console = ConsoleServer.builder().port(4567)
 *         .get("/api/pipeline", new PipelineEndpoint(activity)) ... .start();
 * out.println("Console: " + console.url());
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {

    /** The default port of {@code ./sluice up}'s console. */
    public static final int DEFAULT_PORT = 4567;

    /** Concurrent requests: a page polls a handful of endpoints; more threads would only compete for 2 cores. */
    static final int THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.console");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    private ConsoleServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.url = URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:4567/}. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Route(Set<String> methods, Endpoint endpoint) {}

    public static final class Builder {
        private int port = DEFAULT_PORT;
        private final Map<String, Route> exact = new LinkedHashMap<>();
        private final Map<String, Route> prefixes = new LinkedHashMap<>();
        private Endpoint fallback = request -> {
            throw new NotFoundException("no such page: " + request.path());
        };

        /** 0 picks a free port ({@link #url()} tells which). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder get(String path, Endpoint endpoint) {
            exact.put(path, new Route(Set.of("GET", "HEAD"), endpoint));
            return this;
        }

        public Builder post(String path, Endpoint endpoint) {
            exact.put(path, new Route(Set.of("POST"), endpoint));
            return this;
        }

        /** Every GET under {@code prefix} (which ends with '/'). */
        public Builder getUnder(String prefix, Endpoint endpoint) {
            prefixes.put(prefix, new Route(Set.of("GET", "HEAD"), endpoint));
            return this;
        }

        /** GETs no other route takes (the page and its scripts). */
        public Builder otherwise(Endpoint endpoint) {
            this.fallback = endpoint;
            return this;
        }

        /**
         * Binds 127.0.0.1:{@code port} and starts serving.
         *
         * @throws IOException when the port is taken
         */
        public ConsoleServer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
                Thread t = new Thread(r, "sluice-console-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            Map<String, Route> exactRoutes = Map.copyOf(exact);
            Map<String, Route> prefixRoutes = new LinkedHashMap<>(prefixes);
            Route otherwise = new Route(Set.of("GET", "HEAD"), fallback);
            int bound = server.getAddress().getPort();
            Set<String> hosts = Set.of("127.0.0.1:" + bound, "localhost:" + bound);
            server.createContext("/", exchange -> serve(exchange, hosts, exactRoutes, prefixRoutes, otherwise));
            server.start();
            return new ConsoleServer(server, executor);
        }
    }

    private static void serve(
            HttpExchange exchange,
            Set<String> hosts,
            Map<String, Route> exact,
            Map<String, Route> prefixes,
            Route otherwise)
            throws IOException {
        try (exchange) {
            Response response = foreign(exchange, hosts).orElseGet(() -> respond(exchange, exact, prefixes, otherwise));
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /**
     * Loopback is not enough on its own: a web page the user visits can make the browser send requests to
     * 127.0.0.1. A Host other than ours (DNS rebinding) is refused, and so is a POST from another origin (a
     * cross-site form posting 'redeliver').
     */
    private static java.util.Optional<Response> foreign(HttpExchange exchange, Set<String> hosts) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !hosts.contains(host)) {
            return java.util.Optional.of(Response.error(403, "host '" + host + "' is not this console"));
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if ("POST".equals(exchange.getRequestMethod())
                && origin != null
                && hosts.stream().noneMatch(h -> origin.equals("http://" + h))) {
            return java.util.Optional.of(Response.error(403, "requests from " + origin + " are not accepted"));
        }
        return java.util.Optional.empty();
    }

    private static Response respond(
            HttpExchange exchange, Map<String, Route> exact, Map<String, Route> prefixes, Route otherwise) {
        String method = exchange.getRequestMethod();
        try {
            Request request = Request.of(method, exchange.getRequestURI());
            Route route = exact.get(request.path());
            if (route == null) {
                route = prefixes.entrySet().stream()
                        .filter(e -> request.path().startsWith(e.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(otherwise);
            }
            if (!route.methods().contains(method)) {
                return Response.error(
                        405, method + " is not allowed here; use " + String.join(" or ", route.methods()));
            }
            return route.endpoint().handle(request);
        } catch (BadRequestException e) {
            return Response.error(400, e.getMessage());
        } catch (NotFoundException e) {
            return Response.error(404, e.getMessage());
        } catch (Exception e) {
            LOG.error("console: {} {} failed", method, exchange.getRequestURI(), e);
            return Response.error(500, "internal error (" + e.getClass().getSimpleName() + "); see the sluice log");
        }
    }
}
