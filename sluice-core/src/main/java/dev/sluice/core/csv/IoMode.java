package dev.sluice.core.csv;

/** Where {@link CsvFilter} reads its input and writes its output. */
public enum IoMode {
    /** Reads and writes on the calling thread: no thread, one 1 MiB read buffer. The default. */
    CALLER_THREAD,
    /**
     * A read-ahead thread and a writer thread, so reading and writing overlap with the scan: faster when a second
     * core is free (the CLI uses it), about 9 MiB of fixed buffers instead of 1 MiB. The threads are daemons and have
     * stopped (or, blocked on a pipe, been abandoned after a second) when {@link CsvFilter#filter} returns or throws.
     */
    BACKGROUND_THREADS
}
