package dev.switchboard.batch.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local directory: a key is a relative path below it. Every write goes to a temporary file
 * first, then is moved into place, so readers never see half a blob; {@link #createIfAbsent} links the temporary
 * file to its name (which fails when the name exists) so that of two racing writers exactly one wins.
 */
public final class LocalDirectoryStore implements BlobStore {
    private static final String TEMP_SUFFIX = ".sbtmp";

    private final Path root;

    public LocalDirectoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new BlobStoreException("cannot create the store directory " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** The file behind a key; keys escaping the root (".." segments, absolute paths) are refused. */
    public Path path(String key) {
        if (key == null
                || key.isEmpty()
                || key.startsWith("/")
                || key.endsWith("/")
                || key.contains("\\")
                || key.endsWith(TEMP_SUFFIX)) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
        }
        return root.resolve(key);
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BlobStoreException("cannot read " + key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BlobStoreException("cannot read " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        Path target = path(key);
        Path temp = writeTemp(target, content);
        try {
            // a hard link fails atomically when the name exists, unlike a move which may replace it
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            return createByMove(target, temp, key);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** File systems without hard links: a non-replacing move, which is atomic for files on one file system. */
    private boolean createByMove(Path target, Path temp, String key) {
        try {
            if (Files.exists(target)) return false;
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new BlobStoreException("cannot write " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = path(key);
        Path temp = writeTemp(target, content);
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BlobStoreException("cannot write " + key, e);
        }
    }

    private Path writeTemp(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
            Files.write(temp, content);
            return temp;
        } catch (IOException e) {
            throw new BlobStoreException("cannot write " + root.relativize(target), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        // walk only the deepest directory the prefix names
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!dir.normalize().startsWith(root) || !Files.isDirectory(dir)) return List.of();
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.endsWith(TEMP_SUFFIX))
                    .forEach(keys::add);
        } catch (UncheckedIOException e) {
            // a directory removed while walking: what was listed is still a valid answer
            if (!(e.getCause() instanceof NoSuchFileException))
                throw new BlobStoreException("cannot list " + prefix, e);
        } catch (IOException e) {
            throw new BlobStoreException("cannot list " + prefix, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new BlobStoreException("cannot delete " + key, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray temp file is skipped by list() and never read
        }
    }
}
