package dev.sluice.local.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can end with, listed at the end of its {@code --help}. A command without it lists
 * {@link #OPERATIONAL}: every command can succeed, be misused, hit an I/O error or a bug.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitCodes {

    ExitCode[] value();

    /** What any command can end with. */
    ExitCode[] OPERATIONAL = {ExitCode.OK, ExitCode.USAGE, ExitCode.IO, ExitCode.INTERNAL};
}
