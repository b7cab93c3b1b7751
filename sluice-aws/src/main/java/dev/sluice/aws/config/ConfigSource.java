package dev.sluice.aws.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where configuration values come from: the process environment in Lambda, a plain map in tests and in the local
 * stack (so tests never mutate the process environment). Blank values count as absent.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value, or null when the variable is not set. */
    String raw(String name);

    default Optional<String> get(String name) {
        String value = raw(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static ConfigSource environment() {
        return System::getenv;
    }

    static ConfigSource of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }

    /** Values from {@code overrides} win; everything else falls back to {@code fallback}. */
    static ConfigSource layered(Map<String, String> overrides, ConfigSource fallback) {
        Map<String, String> copy = Map.copyOf(overrides);
        return name -> copy.containsKey(name) ? copy.get(name) : fallback.raw(name);
    }
}
