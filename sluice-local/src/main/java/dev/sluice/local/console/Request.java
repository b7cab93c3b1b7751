package dev.sluice.local.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The parts of an HTTP request an endpoint reads: method, path and the query parameters, checked. */
public record Request(String method, String path, Map<String, String> query) {

    public Request {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** Parses the query string; a parameter given twice is refused (which one would win is a guess). */
    public static Request of(String method, URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (query.put(name, value) != null) {
                    throw new BadRequestException("parameter '" + name + "' is given more than once");
                }
            }
        }
        return new Request(method, uri.getPath(), query);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed query string: " + e.getMessage());
        }
    }

    /** Refuses parameters the endpoint does not know: a typo must not be silently ignored. */
    public Request allow(Set<String> names) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                throw new BadRequestException("unknown parameter '" + name + "'"
                        + (names.isEmpty() ? "; this endpoint takes none" : "; expected one of " + names));
            }
        }
        return this;
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** An integer parameter within [min, max], or the default when absent. */
    public int intParam(String name, int defaultValue, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new BadRequestException(
                name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
    }

    /** A required, non-blank parameter. */
    public String required(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequestException("parameter '" + name + "' is required");
        }
        return value;
    }
}
