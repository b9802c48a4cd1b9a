package dev.switchboard.emulator.vertex;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.RetryInfo;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.gemini.GoogleStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** Failures as gRPC statuses, with a {@code google.rpc.RetryInfo} detail where the Gemini API sends one. */
final class VertexStatuses {

    private VertexStatuses() {}

    static StatusRuntimeException of(Failure f) {
        Status.Code code = Status.Code.valueOf(GoogleStatus.forHttp(f.status()));
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(f.message());
        if (GoogleStatus.carriesRetryInfo(f.status(), f.retryAfterSeconds())) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(
                            Duration.newBuilder().setSeconds(GoogleStatus.retryDelaySeconds(f.retryAfterSeconds())))
                    .build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException unavailable(String description) {
        return Status.UNAVAILABLE.withDescription(description).asRuntimeException();
    }

    static StatusRuntimeException malformed() {
        // what a grpc-java client reports when a response message does not parse
        return Status.INTERNAL
                .withDescription("Invalid protobuf byte sequence (emulated malformed response)")
                .asRuntimeException();
    }
}
