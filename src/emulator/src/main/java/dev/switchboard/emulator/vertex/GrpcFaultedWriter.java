package dev.switchboard.emulator.vertex;

import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.FaultSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * The gRPC counterpart of the HTTP fault writer: the same {@link FaultSpec}, expressed with what a gRPC
 * server can do. Response headers go out with the first message, so {@code slow} and {@code delay} both
 * hold back the first message; {@code cut} and {@code reset} end the call with UNAVAILABLE (what a client
 * sees when the transport drops); {@code malformed} is reported as the INTERNAL a client raises for an
 * unparseable message.
 */
final class GrpcFaultedWriter {

    private GrpcFaultedWriter() {}

    static <R> void write(FaultSpec fault, String model, boolean stream, List<R> messages, StreamObserver<R> observer) {
        try {
            pause(fault.delayMillis());
            if (fault.reset()) {
                observer.onError(VertexStatuses.unavailable("Connection reset by peer (emulated)"));
                return;
            }
            pause(fault.slowMillis());
            if (fault.status() != null && !fault.statusMidStream(stream)) {
                observer.onError(VertexStatuses.of(Failure.injected(fault, model)));
                return;
            }
            for (int i = 0; i < messages.size(); i++) {
                if (fault.malformed() && i == Math.min(1, messages.size() - 1)) {
                    observer.onError(VertexStatuses.malformed());
                    return;
                }
                if (fault.cutAfter() != null && i == Math.min(fault.cutAfter(), messages.size() - 1)) {
                    observer.onError(VertexStatuses.unavailable("Stream cut after " + i + " messages (emulated)"));
                    return;
                }
                if (fault.statusMidStream(stream) && i == Math.min(fault.midAfter(), messages.size() - 1)) {
                    observer.onError(VertexStatuses.of(Failure.injected(fault, model)));
                    return;
                }
                if (isCancelled(observer)) {
                    return;
                }
                observer.onNext(messages.get(i));
                if (i < messages.size() - 1) {
                    pause(fault.gapMillis());
                }
            }
            observer.onCompleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(
                    Status.UNAVAILABLE.withDescription("emulator shutting down").asRuntimeException());
        } catch (StatusRuntimeException e) {
            // the client went away (deadline, cancel) while we were writing; nothing left to tell it
            if (e.getStatus().getCode() != Status.Code.CANCELLED) {
                throw e;
            }
        }
    }

    private static boolean isCancelled(StreamObserver<?> observer) {
        return observer instanceof ServerCallStreamObserver<?> s && s.isCancelled();
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
