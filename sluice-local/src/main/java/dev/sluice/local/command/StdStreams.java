package dev.sluice.local.command;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's standard streams, injected into commands so tests can run them in-process.
 * {@code in} and {@code out} are raw byte streams (CSV passes through byte-for-byte); {@code err} is for humans.
 */
public record StdStreams(InputStream in, OutputStream out, PrintStream err) {

    /** The real stdin/stdout as unsynchronised file streams (System.out is a PrintStream with a lock per write). */
    public static StdStreams system() {
        return new StdStreams(
                new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out), System.err);
    }
}
