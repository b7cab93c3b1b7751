package dev.sluice.local.cli;

import java.util.function.Supplier;
import picocli.CommandLine.TypeConversionException;

/** Turns the core API's parse errors (IllegalArgumentException naming the choices) into picocli usage errors. */
final class Converters {

    private Converters() {}

    static <T> T wrap(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
