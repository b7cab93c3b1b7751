package dev.sluice.local.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page, its script and style, and the vendored uPlot, served from the jar (the machine may be offline). */
public final class StaticEndpoint implements Endpoint {

    private static final String ROOT = "/dev/sluice/local/console/web/";

    /** Path → file and content type: only these are served. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/console.js", new String[] {"console.js", "text/javascript; charset=utf-8"},
            "/console.css", new String[] {"console.css", "text/css; charset=utf-8"},
            "/vendor/uPlot.iife.min.js", new String[] {"vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/vendor/uPlot.min.css", new String[] {"vendor/uPlot.min.css", "text/css; charset=utf-8"},
            "/vendor/uPlot.LICENSE", new String[] {"vendor/uPlot.LICENSE", "text/plain; charset=utf-8"});

    @Override
    public Response handle(Request request) throws IOException {
        String[] file = FILES.get(request.path());
        if (file == null) {
            throw new NotFoundException("no such page: " + request.path());
        }
        request.allow(java.util.Set.of());
        try (InputStream in = StaticEndpoint.class.getResourceAsStream(ROOT + file[0])) {
            if (in == null) {
                throw new IOException("console resource missing from the jar: " + ROOT + file[0]);
            }
            return new Response(200, file[1], in.readAllBytes(), Map.of());
        }
    }
}
