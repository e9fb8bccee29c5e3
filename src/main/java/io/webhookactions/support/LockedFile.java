package io.webhookactions.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A small file that several processes read and rewrite (the secret store, the API keys): every
 * read-modify-write holds an exclusive lock on a lock file beside it (the operating system's lock, so other
 * processes wait too), and every write is atomic (a temporary file, fsync, rename), so a writer never loses
 * another's change and a crash leaves the old file or the new one. A crashed writer's temporary file is
 * removed by the next writer.
 */
public final class LockedFile {

    /** File locks are held by the process, not the thread: threads of this JVM take turns here first. */
    private static final Map<Path, Object> WRITERS = new ConcurrentHashMap<>();

    private final Path file;
    private final String tempPrefix;

    /** @param tempPrefix how this file's temporary files start, e.g. {@code .secrets-} */
    public LockedFile(Path file, String tempPrefix) {
        this.file = file;
        this.tempPrefix = tempPrefix;
    }

    public Path path() {
        return file;
    }

    /** Runs {@code update} (which reads the file fresh and may {@link #write} it) under the lock. */
    public <T> T locked(Supplier<T> update) throws IOException {
        synchronized (WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), path -> new Object())) {
            Files.createDirectories(folder());
            Path lockFile = folder().resolve(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                removeTemporaryFiles();
                return update.get();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Replaces the file with {@code content} (owner-readable only); call inside {@link #locked}. */
    public void write(byte[] content) {
        try {
            Path temp = Files.createTempFile(folder(), tempPrefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel directory = FileChannel.open(folder(), StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException ignored) {
                // not every file system lets a directory be opened for sync; the rename itself is atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a crashed writer left a temporary file beside this one. */
    public boolean hasTemporaryFiles() {
        if (!Files.isDirectory(folder())) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder())) {
            return files.anyMatch(this::isTemporaryFile);
        } catch (IOException e) {
            return false;
        }
    }

    private void removeTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            for (Path temp : files.filter(this::isTemporaryFile).toList()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private boolean isTemporaryFile(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(tempPrefix) && name.endsWith(".tmp");
    }

    private Path folder() {
        return file.toAbsolutePath().getParent();
    }
}
