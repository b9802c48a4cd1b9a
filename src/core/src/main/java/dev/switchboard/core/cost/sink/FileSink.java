package dev.switchboard.core.cost.sink;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.format.CostLineFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends one line per record to a local file (JSONL by default), creating it and its directory if missing.
 * The file is opened in append mode, so several processes can share it without overwriting each other's lines.
 */
public final class FileSink implements CostSink, AutoCloseable {
    private final Path path;
    private final CostLineFormat format;
    private final FailureReporter failures;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private Object fileKey;

    public FileSink(Path path) {
        this(path, JsonLinesFormat.INSTANCE, System.err);
    }

    public FileSink(Path path, CostLineFormat format, PrintStream err) {
        this.path = Objects.requireNonNull(path, "path");
        this.format = Objects.requireNonNull(format, "format");
        this.failures = new FailureReporter(path.toString(), Objects.requireNonNull(err, "err"));
    }

    @Override
    public void emit(CostRecord record) {
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(format.lineBytes(record));
        } catch (RuntimeException e) {
            failures.failed(e);
            return;
        }
        // a lock, not synchronized: a virtual thread blocked in file I/O inside synchronized pins its carrier (Java 21)
        lock.lock();
        try {
            FileChannel ch = open();
            // no fsync: the write reaches the OS before emit returns, which survives a process crash, and
            // an fsync per record would sit on every request's path
            while (bytes.hasRemaining()) ch.write(bytes);
        } catch (IOException | RuntimeException e) {
            failures.failed(e);
            closeQuietly(); // reopen on the next record: the disk may have been freed meanwhile
        } finally {
            lock.unlock();
        }
    }

    private FileChannel open() throws IOException {
        if (channel != null && channel.isOpen() && stillThere()) return channel;
        closeQuietly();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return channel;
    }

    /**
     * Whether the path still names the file we hold open. After a move-style rotation or a delete, writes to the
     * old handle would vanish without an error; one stat per record is cheap next to losing them.
     */
    private boolean stillThere() {
        try {
            return Objects.equals(
                    Files.readAttributes(path, BasicFileAttributes.class).fileKey(), fileKey);
        } catch (IOException e) {
            return false;
        }
    }

    public long failures() {
        return failures.failures();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to lose
        }
        channel = null;
    }
}
