package dev.sluice.local.cli;

import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its result. Nothing becomes visible under the final name until {@link #commit()}; closing
 * without a commit discards what was written (for a file: the temporary file is deleted, the target is untouched).
 */
sealed interface CommittableOutput extends Closeable {

    OutputStream stream();

    void commit() throws IOException;

    /**
     * Writes to a stream the caller owns (stdout): it is flushed on commit and never closed. No buffer is added: the
     * engine buffers its output and writes large runs of kept rows in one call.
     */
    static CommittableOutput toStream(OutputStream out) {
        return new ToStream(out);
    }

    /**
     * Writes to a temporary file beside {@code target} (same folder, so the final rename is atomic on one file system)
     * and renames it over {@code target} on commit.
     */
    static CommittableOutput toFile(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(absolute)) {
            absolute = linkTarget(target, absolute);
        }
        if (Files.isDirectory(absolute)) {
            throw new CliException(ExitCode.IO, "output " + target + " is a directory", null);
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // /dev/null, a FIFO, a terminal: write to it as it is; renaming a file over it would replace the device.
            return new ToDevice(new FileOutputStream(absolute.toFile()));
        }
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCode.IO, "output folder does not exist: " + dir, null);
        }
        Path temp = dir.resolve("." + absolute.getFileName() + ".sluice-"
                + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createFile(temp); // umask permissions (Files.createTempFile would make it 0600)
        } catch (FileAlreadyExistsException e) {
            // Left by an earlier process that had our pid and was killed with SIGKILL; only a run of this pid can own
            // it.
            Files.delete(temp);
            Files.createFile(temp);
        }
        // Ctrl-C or SIGTERM mid-run: the JVM's shutdown deletes the partial file (a no-op once it has been renamed).
        temp.toFile().deleteOnExit();
        // FileOutputStream, not Files.newOutputStream: less CPU per GB here (no channel locking per write).
        try {
            return new ToFile(absolute, temp, new FileOutputStream(temp.toFile()));
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A symbolic link to a file is written through: the temporary file goes beside the link's final target and is
     * renamed over it, so the link stays a link. A link to a missing file is refused (creating files along a link
     * is how a link planted in a shared folder redirects a write).
     */
    private static Path linkTarget(Path target, Path link) throws IOException {
        if (!Files.exists(link)) {
            throw new CliException(
                    ExitCode.IO,
                    "output " + target + " is a symbolic link to a missing file (" + Files.readSymbolicLink(link)
                            + "); give the target's path instead",
                    null);
        }
        return Files.isRegularFile(link) ? link.toRealPath() : link; // a link to a device: written in place below
    }

    final class ToStream implements CommittableOutput {
        private final OutputStream stream;

        private ToStream(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            stream.flush();
        }

        @Override
        public void close() {
            // The stream belongs to the process (stdout); a failed run may already have written part of it.
        }
    }

    final class ToDevice implements CommittableOutput {
        private final OutputStream stream;

        private ToDevice(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            stream.flush();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    final class ToFile implements CommittableOutput {
        private final Path target;
        private final Path temp;
        private final OutputStream stream;
        private boolean committed;

        private ToFile(Path target, Path temp, OutputStream stream) {
            this.target = target;
            this.temp = temp;
            this.stream = stream;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public void commit() throws IOException {
            stream.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (committed) {
                return;
            }
            try {
                stream.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
