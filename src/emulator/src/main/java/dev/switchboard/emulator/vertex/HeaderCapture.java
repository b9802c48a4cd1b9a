package dev.switchboard.emulator.vertex;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes the call's metadata visible to the service methods, which only see the request message. */
final class HeaderCapture implements ServerInterceptor {

    static final Context.Key<Map<String, List<String>>> HEADERS = Context.key("switchboard-emulator-headers");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String key : metadata.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                List<String> list = new ArrayList<>();
                if (values != null) {
                    values.forEach(list::add);
                }
                headers.put(key, list);
            }
        }
        return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, metadata, next);
    }

    static Map<String, List<String>> current() {
        Map<String, List<String>> headers = HEADERS.get();
        return headers == null ? Map.of() : headers;
    }
}
