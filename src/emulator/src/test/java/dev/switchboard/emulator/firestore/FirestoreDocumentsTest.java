package dev.switchboard.emulator.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.firestore.v1.Document;
import com.google.firestore.v1.Precondition;
import com.google.firestore.v1.Value;
import com.google.firestore.v1.Write;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transaction semantics of the Firestore emulator: locks, all-or-nothing commits, preconditions. */
class FirestoreDocumentsTest {

    private static final String ROOT = "projects/p/databases/(default)/documents";
    private static final String A = ROOT + "/rows/a";
    private static final String B = ROOT + "/rows/b";

    // no waiting: a lock held by another transaction is an immediate ABORTED, so the tests need no threads
    private final FirestoreDocuments docs = new FirestoreDocuments(Duration.ZERO);

    private static Write set(String name, long n) {
        return Write.newBuilder()
                .setUpdate(Document.newBuilder()
                        .setName(name)
                        .putFields("n", Value.newBuilder().setIntegerValue(n).build()))
                .build();
    }

    private static Write create(String name, long n) {
        return set(name, n).toBuilder()
                .setCurrentDocument(Precondition.newBuilder().setExists(false))
                .build();
    }

    private long n(String name) {
        Document d = docs.read(List.of(name), null).getFirst();
        return d == null ? -1 : d.getFieldsOrThrow("n").getIntegerValue();
    }

    private static Status.Code code(Runnable r) {
        try {
            r.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void aDocumentReadInATransactionIsLockedUntilItCommits() {
        docs.commit(List.of(set(A, 1)), null);
        ByteString first = docs.begin();
        ByteString second = docs.begin();

        assertThat(docs.read(List.of(A), first).getFirst().getFieldsOrThrow("n").getIntegerValue())
                .isEqualTo(1);
        assertThat(code(() -> docs.read(List.of(A), second))).isEqualTo(Status.Code.ABORTED);
        assertThat(code(() -> docs.commit(List.of(set(A, 9)), null))).isEqualTo(Status.Code.ABORTED);

        docs.commit(List.of(set(A, 2)), first);
        ByteString third = docs.begin();
        assertThat(docs.read(List.of(A), third).getFirst().getFieldsOrThrow("n").getIntegerValue())
                .isEqualTo(2);
        docs.rollback(third);
        assertThat(code(() -> docs.commit(List.of(set(A, 3)), null))).isEqualTo(Status.Code.OK);
    }

    @Test
    void aCommitWithAFailedPreconditionWritesNothing() {
        docs.commit(List.of(set(A, 1)), null);

        assertThat(code(() -> docs.commit(List.of(set(B, 5), create(A, 7)), null)))
                .isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(n(A)).isEqualTo(1);
        assertThat(n(B)).isEqualTo(-1);
        assertThat(code(() -> docs.commit(List.of(create(B, 5)), null))).isEqualTo(Status.Code.OK);
        assertThat(n(B)).isEqualTo(5);
    }

    @Test
    void aFinishedTransactionCannotCommitAgain() {
        ByteString tx = docs.begin();
        docs.commit(List.of(set(A, 1)), tx);

        assertThatThrownBy(() -> docs.commit(List.of(set(A, 2)), tx))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(n(A)).isEqualTo(1);
    }

    @Test
    void listingACollectionGivesItsDirectChildrenByName() {
        docs.commit(List.of(set(B, 2), set(A, 1), set(ROOT + "/rows/a/sub/x", 3), set(ROOT + "/rowsx/c", 4)), null);

        assertThat(docs.list(ROOT + "/rows")).extracting(Document::getName).containsExactly(A, B);
    }
}
