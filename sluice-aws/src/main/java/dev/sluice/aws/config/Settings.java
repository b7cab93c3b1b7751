package dev.sluice.aws.config;

import java.util.Optional;
import java.util.function.Function;

/** Typed, validated reads from a {@link ConfigSource}; every error names the variable and the bad value. */
public final class Settings {

    private final ConfigSource source;

    public Settings(ConfigSource source) {
        this.source = source;
    }

    public ConfigSource source() {
        return source;
    }

    public String required(String name, String what) {
        return source.get(name).orElseThrow(() -> new ConfigurationException(name + " is required: set it to " + what));
    }

    public String string(String name, String defaultValue) {
        return source.get(name).orElse(defaultValue);
    }

    public Optional<String> optional(String name) {
        return source.get(name);
    }

    public double number(String name, double defaultValue) {
        return parsed(name, defaultValue, "a number, e.g. " + defaultValue, Double::parseDouble);
    }

    public int integer(String name, int defaultValue) {
        return parsed(name, defaultValue, "a whole number, e.g. " + defaultValue, Integer::parseInt);
    }

    /**
     * Parses the variable when it is set. {@code parser} may throw {@link IllegalArgumentException}; its message (for
     * example the list of accepted choices) is kept in the configuration error.
     */
    public <T> T parsed(String name, T defaultValue, String expected, Function<String, T> parser) {
        Optional<String> value = source.get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(value.get());
        } catch (IllegalArgumentException e) {
            String detail =
                    e instanceof NumberFormatException || e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new ConfigurationException(name + " must be " + expected + ", got '" + value.get() + "'" + detail, e);
        }
    }
}
