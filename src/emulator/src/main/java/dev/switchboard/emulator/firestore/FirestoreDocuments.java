package dev.switchboard.emulator.firestore;

import com.google.firestore.v1.Document;
import com.google.firestore.v1.Precondition;
import com.google.firestore.v1.Value;
import com.google.firestore.v1.Write;
import com.google.firestore.v1.WriteResult;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Documents by full resource name, and read-write transactions with pessimistic locks, as Firestore gives server
 * client libraries: a document read or written in a transaction is locked until the transaction commits or rolls
 * back; another transaction (or a non-transactional write) touching it waits. A wait longer than {@code lockWait}
 * answers ABORTED (Firestore's answer to contention and deadlock), which the client retries with a new transaction.
 * Every method holds the monitor; lock waits release it.
 */
final class FirestoreDocuments {

    private final TreeMap<String, Document> documents = new TreeMap<>();
    private final Map<String, ByteString> lockOwners = new HashMap<>();
    private final Map<ByteString, Set<String>> transactions = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration lockWait;
    private Instant lastTime = Instant.EPOCH;

    FirestoreDocuments(Duration lockWait) {
        this.lockWait = lockWait;
    }

    synchronized ByteString begin() {
        ByteString id = ByteString.copyFromUtf8("tx-" + ids.incrementAndGet());
        transactions.put(id, new HashSet<>());
        return id;
    }

    /** The documents (null = missing) in request order; in a transaction each is locked first. */
    synchronized List<Document> read(List<String> names, ByteString transaction) {
        if (transaction != null && !transaction.isEmpty()) {
            lock(transaction, names);
        }
        List<Document> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(documents.get(n));
        }
        return out;
    }

    /** Direct children of {@code collection} (a full resource name), ordered by name. */
    synchronized List<Document> list(String collection) {
        List<Document> out = new ArrayList<>();
        String prefix = collection + "/";
        for (Map.Entry<String, Document> e : documents.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getKey().indexOf('/', prefix.length()) < 0) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * Applies all writes or none (preconditions are checked first) and ends the transaction, if any. Without one, the
     * written documents are locked for the duration of the commit only.
     */
    synchronized CommitResult commit(List<Write> writes, ByteString transaction) {
        boolean inTransaction = transaction != null && !transaction.isEmpty();
        ByteString owner = inTransaction ? transaction : begin();
        if (inTransaction && !transactions.containsKey(owner)) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("transaction is not active (committed, rolled back or " + "expired)")
                    .asRuntimeException();
        }
        try {
            List<String> names = new ArrayList<>();
            for (Write w : writes) {
                names.add(nameOf(w));
            }
            lock(owner, names);
            for (Write w : writes) {
                check(w);
            }
            Timestamp time = nextTime();
            List<WriteResult> results = new ArrayList<>();
            for (Write w : writes) {
                apply(w, time);
                results.add(WriteResult.newBuilder().setUpdateTime(time).build());
            }
            return new CommitResult(time, results);
        } finally {
            release(owner);
        }
    }

    record CommitResult(Timestamp time, List<WriteResult> results) {}

    synchronized void rollback(ByteString transaction) {
        release(transaction);
    }

    synchronized Timestamp now() {
        return nextTime();
    }

    private void lock(ByteString owner, List<String> names) {
        Set<String> held = transactions.get(owner);
        if (held == null) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("transaction is not active")
                    .asRuntimeException();
        }
        // sorted, so two transactions locking the same documents cannot deadlock each other
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(names));
        long deadline = System.nanoTime() + lockWait.toNanos();
        for (String name : sorted) {
            while (lockOwners.containsKey(name) && !lockOwners.get(name).equals(owner)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    release(owner);
                    throw Status.ABORTED
                            .withDescription("Transaction lock timeout on " + name)
                            .asRuntimeException();
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    release(owner);
                    throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
                }
            }
            lockOwners.put(name, owner);
            held.add(name);
        }
    }

    private void release(ByteString owner) {
        Set<String> held = transactions.remove(owner);
        if (held != null) {
            held.forEach(lockOwners::remove);
            notifyAll();
        }
    }

    private static String nameOf(Write w) {
        return switch (w.getOperationCase()) {
            case UPDATE -> w.getUpdate().getName();
            case DELETE -> w.getDelete();
            default ->
                throw Status.UNIMPLEMENTED
                        .withDescription("write not emulated: " + w.getOperationCase())
                        .asRuntimeException();
        };
    }

    private void check(Write w) {
        if (w.getUpdateTransformsCount() > 0) {
            throw Status.UNIMPLEMENTED
                    .withDescription("field transforms are not emulated")
                    .asRuntimeException();
        }
        if (!w.hasCurrentDocument()) {
            return;
        }
        Precondition p = w.getCurrentDocument();
        Document current = documents.get(nameOf(w));
        switch (p.getConditionTypeCase()) {
            case EXISTS -> {
                if (p.getExists() && current == null) {
                    throw Status.NOT_FOUND
                            .withDescription("No document to update: " + nameOf(w))
                            .asRuntimeException();
                }
                if (!p.getExists() && current != null) {
                    throw Status.ALREADY_EXISTS
                            .withDescription("Document already exists: " + nameOf(w))
                            .asRuntimeException();
                }
            }
            case UPDATE_TIME -> {
                if (current == null || !current.getUpdateTime().equals(p.getUpdateTime())) {
                    throw Status.FAILED_PRECONDITION
                            .withDescription("the document was changed: " + nameOf(w))
                            .asRuntimeException();
                }
            }
            default -> {}
        }
    }

    private void apply(Write w, Timestamp time) {
        String name = nameOf(w);
        Document current = documents.get(name);
        if (w.hasDelete()) {
            documents.remove(name);
            return;
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        if (w.hasUpdateMask()) {
            // a merge: only the masked (top-level) fields change; a masked field absent from the update is removed
            if (current != null) {
                fields.putAll(current.getFieldsMap());
            }
            for (String path : w.getUpdateMask().getFieldPathsList()) {
                String field = path.startsWith("`") ? path.substring(1, path.length() - 1) : path;
                Value v = w.getUpdate().getFieldsMap().get(field);
                if (v == null) {
                    fields.remove(field);
                } else {
                    fields.put(field, v);
                }
            }
        } else {
            fields.putAll(w.getUpdate().getFieldsMap());
        }
        documents.put(
                name,
                Document.newBuilder()
                        .setName(name)
                        .putAllFields(fields)
                        .setCreateTime(current == null ? time : current.getCreateTime())
                        .setUpdateTime(time)
                        .build());
    }

    /** Strictly increasing, so update times distinguish every version of a document. */
    private Timestamp nextTime() {
        Instant t = Instant.now();
        if (!t.isAfter(lastTime)) {
            t = lastTime.plusNanos(1000);
        }
        lastTime = t;
        return Timestamp.newBuilder()
                .setSeconds(t.getEpochSecond())
                .setNanos(t.getNano())
                .build();
    }
}
