package dev.switchboard.emulator.firestore;

import com.google.firestore.v1.BatchGetDocumentsRequest;
import com.google.firestore.v1.BatchGetDocumentsResponse;
import com.google.firestore.v1.BeginTransactionRequest;
import com.google.firestore.v1.BeginTransactionResponse;
import com.google.firestore.v1.CommitRequest;
import com.google.firestore.v1.CommitResponse;
import com.google.firestore.v1.Document;
import com.google.firestore.v1.FirestoreGrpc;
import com.google.firestore.v1.RollbackRequest;
import com.google.firestore.v1.RunQueryRequest;
import com.google.firestore.v1.RunQueryResponse;
import com.google.firestore.v1.StructuredQuery;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Firestore v1 RPCs the Switchboard stores' client calls: BeginTransaction, BatchGetDocuments, Commit, Rollback,
 * and RunQuery for "every document of one collection, by name" (no filters, no ordering but by name, an optional
 * limit). Anything else answers UNIMPLEMENTED (the base class's default) or INVALID_ARGUMENT.
 */
final class FirestoreService extends FirestoreGrpc.FirestoreImplBase {

    private final FirestoreDocuments documents;

    FirestoreService(FirestoreDocuments documents) {
        this.documents = documents;
    }

    @Override
    public void beginTransaction(BeginTransactionRequest request, StreamObserver<BeginTransactionResponse> out) {
        unary(out, () -> {
            // read-only transactions take no locks here: they read the latest committed versions
            ByteString id = documents.begin();
            return BeginTransactionResponse.newBuilder().setTransaction(id).build();
        });
    }

    @Override
    public void batchGetDocuments(BatchGetDocumentsRequest request, StreamObserver<BatchGetDocumentsResponse> out) {
        try {
            if (request.hasMask() || request.hasReadTime()) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("masks and read times are not emulated")
                        .asRuntimeException();
            }
            ByteString tx = request.getTransaction();
            boolean begun = false;
            if (request.hasNewTransaction()) {
                tx = documents.begin();
                begun = true;
            }
            List<Document> docs = documents.read(request.getDocumentsList(), tx);
            Timestamp readTime = documents.now();
            for (int i = 0; i < docs.size(); i++) {
                BatchGetDocumentsResponse.Builder r =
                        BatchGetDocumentsResponse.newBuilder().setReadTime(readTime);
                if (docs.get(i) == null) {
                    r.setMissing(request.getDocuments(i));
                } else {
                    r.setFound(docs.get(i));
                }
                if (begun && i == 0) {
                    r.setTransaction(tx);
                }
                out.onNext(r.build());
            }
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public void commit(CommitRequest request, StreamObserver<CommitResponse> out) {
        unary(out, () -> {
            FirestoreDocuments.CommitResult r = documents.commit(request.getWritesList(), request.getTransaction());
            return CommitResponse.newBuilder()
                    .setCommitTime(r.time())
                    .addAllWriteResults(r.results())
                    .build();
        });
    }

    @Override
    public void rollback(RollbackRequest request, StreamObserver<Empty> out) {
        unary(out, () -> {
            documents.rollback(request.getTransaction());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void runQuery(RunQueryRequest request, StreamObserver<RunQueryResponse> out) {
        try {
            StructuredQuery q = request.getStructuredQuery();
            if (!request.hasStructuredQuery()
                    || q.getFromCount() != 1
                    || q.getFrom(0).getAllDescendants()
                    || q.hasWhere()
                    || q.hasStartAt()
                    || q.hasEndAt()
                    || q.getOffset() != 0
                    || q.getOrderByList().stream()
                            .anyMatch(o -> !o.getField().getFieldPath().equals("__name__")
                                    || o.getDirection() == StructuredQuery.Direction.DESCENDING)) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("only 'all documents of one collection by name' " + "queries are emulated")
                        .asRuntimeException();
            }
            if (request.hasNewTransaction()) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("queries in transactions are not emulated")
                        .asRuntimeException();
            }
            List<Document> docs =
                    documents.list(request.getParent() + "/" + q.getFrom(0).getCollectionId());
            int limit = q.hasLimit() ? q.getLimit().getValue() : Integer.MAX_VALUE;
            Timestamp readTime = documents.now();
            int sent = 0;
            for (Document d : docs) {
                if (sent++ == limit) {
                    break;
                }
                out.onNext(RunQueryResponse.newBuilder()
                        .setDocument(d)
                        .setReadTime(readTime)
                        .build());
            }
            out.onNext(RunQueryResponse.newBuilder()
                    .setReadTime(readTime)
                    .setDone(true)
                    .build());
            out.onCompleted();
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
        T answer;
        try {
            answer = call.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(answer);
        out.onCompleted();
    }
}
