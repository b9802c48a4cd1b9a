package dev.switchboard.api.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.internal.InternalAttributeKeyImpl;
import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.internal.W3CTraceContextEncoding;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;
import io.opentelemetry.exporter.internal.otlp.InstrumentationScopeMarshaler;
import io.opentelemetry.exporter.internal.otlp.ResourceMarshaler;
import io.opentelemetry.proto.collector.trace.v1.internal.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An OTLP {@code ExportTraceServiceRequest} written in one pass into a reused buffer: the same protobuf bytes
 * OpenTelemetry's marshalers write (fields, order, defaults skipped; spans grouped by resource and scope the same
 * way), without their size pass before the write pass, their per-string bookkeeping and their interface dispatch per
 * field. {@link EncodedSpanExport} appends each span as it ends ({@link #appendSpan}, one encoder per resource and
 * scope) and frames a batch of them with {@link #assemble}. The HTTP sender on the event loop only copies the bytes. Resources and scopes are encoded once by OpenTelemetry's
 * own marshalers and kept. The marshaler {@link #assemble} returns writes from this encoder's buffer: the encoder must
 * not write another request until that one is sent (its export completed, retries included).
 */
final class SpanProtobuf {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LEN = 2;
    private static final int WIRE_FIXED32 = 5;
    /** past this many distinct resources and scopes the kept encodings are dropped and made again */
    private static final int MAX_KEPT = 64;

    private byte[] buf;
    private int pos;
    private final Map<Resource, byte[]> resources = new IdentityHashMap<>();
    private final Map<InstrumentationScopeInfo, byte[]> scopes = new IdentityHashMap<>();
    private final BiConsumer<AttributeKey<?>, Object> attribute = this::keyValue;
    /** the field number attributes are written under (span, event and link attributes differ) */
    private int attributeField;

    SpanProtobuf() {
        this(64 * 1024);
    }

    SpanProtobuf(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /**
     * The request for spans encoded earlier with {@link #appendSpan}, one encoder per resource and scope, in the
     * order the groups are listed (empty ones left out).
     */
    synchronized Marshaler assemble(List<? extends Group> groups) {
        // grouped as OpenTelemetry's StatelessMarshalerUtil.groupByResourceAndScope does (identity maps filled in the
        // order the spans came), so the groups come out in the same order as with its marshalers
        Map<Resource, Map<InstrumentationScopeInfo, SpanProtobuf>> grouped = new IdentityHashMap<>();
        for (Group g : groups) {
            if (g.spans().isEmpty()) continue;
            grouped.computeIfAbsent(g.resource(), r -> new IdentityHashMap<>()).put(g.scope(), g.spans());
        }
        pos = 0;
        int[] ranges = new int[2 * grouped.size()];
        int i = 0;
        for (Map.Entry<Resource, Map<InstrumentationScopeInfo, SpanProtobuf>> r : grouped.entrySet()) {
            // a ResourceSpans message without its tag and length: the sender writes those (writeByteBuffer)
            ranges[i++] = pos;
            bytesField(1, kept(resources, r.getKey(), ResourceMarshaler::create));
            for (Map.Entry<InstrumentationScopeInfo, SpanProtobuf> s :
                    r.getValue().entrySet()) {
                int scopeSpans = begin(2, 3);
                bytesField(1, kept(scopes, s.getKey(), InstrumentationScopeMarshaler::create));
                raw(s.getValue().buf, s.getValue().pos);
                string(3, s.getKey().getSchemaUrl());
                end(scopeSpans, 3);
            }
            string(3, r.getKey().getSchemaUrl());
            ranges[i++] = pos;
        }
        return new Encoded(buf, ranges);
    }

    /** Spans of one resource and scope, each encoded as a ScopeSpans {@code spans} field by {@link #appendSpan}. */
    interface Group {
        Resource resource();

        InstrumentationScopeInfo scope();

        SpanProtobuf spans();
    }

    /**
     * Appends {@code span} as a ScopeSpans {@code spans} field (tag, length, Span message), for {@link #assemble}.
     * Should the span hold what this encoder cannot write (an attribute type it does not know), the buffer is left
     * as it was and the exception thrown.
     */
    void appendSpan(SpanData span) {
        int mark = pos;
        try {
            span(span);
        } catch (RuntimeException e) {
            pos = mark;
            throw e;
        }
    }

    /** No span appended since the last {@link #clear}. */
    boolean isEmpty() {
        return pos == 0;
    }

    void clear() {
        pos = 0;
    }

    /** Copies {@code length} bytes already encoded. */
    private void raw(byte[] bytes, int length) {
        ensure(length);
        System.arraycopy(bytes, 0, buf, pos, length);
        pos += length;
    }

    private void span(SpanData span) {
        int start = begin(2, 2);
        SpanContext context = span.getSpanContext();
        hexId(1, context.getTraceId());
        hexId(2, context.getSpanId());
        traceState(3, context.getTraceState());
        SpanContext parent = span.getParentSpanContext();
        if (parent.isValid()) hexId(4, parent.getSpanId());
        string(5, span.getName());
        int kind = kind(span.getKind());
        if (kind != 0) {
            tag(6, WIRE_VARINT);
            varint(kind);
        }
        fixed64(7, span.getStartEpochNanos());
        fixed64(8, span.getEndEpochNanos());
        attributes(9, span.getAttributes());
        uint32(10, span.getTotalAttributeCount() - span.getAttributes().size());
        for (EventData event : span.getEvents()) {
            int e = begin(11, 1);
            fixed64(1, event.getEpochNanos());
            string(2, event.getName());
            attributes(3, event.getAttributes());
            uint32(4, event.getTotalAttributeCount() - event.getAttributes().size());
            end(e, 1);
        }
        uint32(12, span.getTotalRecordedEvents() - span.getEvents().size());
        for (LinkData link : span.getLinks()) {
            int l = begin(13, 1);
            SpanContext linked = link.getSpanContext();
            hexId(1, linked.getTraceId());
            hexId(2, linked.getSpanId());
            traceState(3, linked.getTraceState());
            attributes(4, link.getAttributes());
            uint32(5, link.getTotalAttributeCount() - link.getAttributes().size());
            fixed32(6, flags(linked.getTraceFlags().asByte(), linked.isRemote()));
            end(l, 1);
        }
        uint32(14, span.getTotalRecordedLinks() - span.getLinks().size());
        StatusData status = span.getStatus();
        int s = begin(15, 1);
        string(2, status.getDescription());
        int code = switch (status.getStatusCode()) {
            case OK -> 1;
            case ERROR -> 2;
            case UNSET -> 0;
        };
        if (code != 0) {
            tag(3, WIRE_VARINT);
            varint(code);
        }
        end(s, 1);
        fixed32(16, flags(context.getTraceFlags().asByte(), parent.isRemote()));
        end(start, 2);
    }

    /** As OpenTelemetry's SpanFlags: the trace flags, plus "whether the parent is remote is known" and that bit. */
    private static int flags(byte traceFlags, boolean parentRemote) {
        return (traceFlags & 0xff) | (parentRemote ? 0x300 : 0x100);
    }

    private static int kind(io.opentelemetry.api.trace.SpanKind kind) {
        return switch (kind) {
            case INTERNAL -> 1;
            case SERVER -> 2;
            case CLIENT -> 3;
            case PRODUCER -> 4;
            case CONSUMER -> 5;
        };
    }

    private void attributes(int field, Attributes attributes) {
        if (attributes.isEmpty()) return;
        attributeField = field;
        attributes.forEach(attribute);
    }

    /** One KeyValue; the value's AnyValue as OpenTelemetry writes it (strings skipped when empty, numbers never). */
    @SuppressWarnings("unchecked")
    private void keyValue(AttributeKey<?> key, Object value) {
        int kv = begin(attributeField, 1);
        if (key instanceof InternalAttributeKeyImpl<?> internal) {
            bytesField(1, internal.getKeyUtf8()); // the key's UTF-8, made once by the SDK
        } else {
            string(1, key.getKey());
        }
        int any = begin(2, 1);
        switch (key.getType()) {
            case STRING -> string(1, (String) value);
            case BOOLEAN -> bool(2, (Boolean) value);
            case LONG -> int64(3, (Long) value);
            case DOUBLE -> double64(4, (Double) value);
            case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY -> {
                int array = begin(5, 2);
                for (Object element : (List<Object>) value) {
                    int e = begin(1, 1);
                    switch (key.getType()) {
                        case STRING_ARRAY -> string(1, (String) element);
                        case BOOLEAN_ARRAY -> bool(2, (Boolean) element);
                        case LONG_ARRAY -> int64(3, (Long) element);
                        default -> double64(4, (Double) element);
                    }
                    end(e, 1);
                }
                end(array, 2);
            }
            // a type this encoder does not know: the caller falls back to OpenTelemetry's marshalers
            default -> throw new IllegalArgumentException("attribute type " + key.getType());
        }
        end(any, 1);
        end(kv, 1);
    }

    /** The encoding of a resource or scope, made once by OpenTelemetry's marshaler and kept (bounded). */
    private static <K> byte[] kept(Map<K, byte[]> kept, K key, java.util.function.Function<K, Marshaler> marshaler) {
        byte[] b = kept.get(key);
        if (b == null) {
            if (kept.size() >= MAX_KEPT) kept.clear();
            b = bytes(marshaler.apply(key));
            kept.put(key, b);
        }
        return b;
    }

    private static byte[] bytes(Marshaler m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.getBinarySerializedSize());
        try {
            m.writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --- protobuf primitives on the buffer

    private void ensure(int n) {
        if (pos + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    private void tag(int field, int wire) {
        varint((field << 3) | wire);
    }

    private void varint(long v) {
        ensure(10);
        pos = putVarint(pos, v);
    }

    /** Writes {@code v} as a varint at {@code at} (room already ensured); returns the position after it. */
    private int putVarint(int at, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at++] = (byte) v;
        return at;
    }

    private static int varintSize(int v) {
        if ((v & (~0 << 7)) == 0) return 1;
        if ((v & (~0 << 14)) == 0) return 2;
        if ((v & (~0 << 21)) == 0) return 3;
        if ((v & (~0 << 28)) == 0) return 4;
        return 5;
    }

    /** Starts a length-delimited field with {@code reserved} bytes kept for its length; returns where they are. */
    private int begin(int field, int reserved) {
        tag(field, WIRE_LEN);
        ensure(reserved);
        int mark = pos;
        pos += reserved;
        return mark;
    }

    /** Writes the length of the field begun at {@code mark}, moving its content if the length needs other room. */
    private void end(int mark, int reserved) {
        int contentStart = mark + reserved;
        int length = pos - contentStart;
        int size = varintSize(length);
        if (size != reserved) {
            ensure(size - reserved);
            System.arraycopy(buf, contentStart, buf, mark + size, length);
            pos += size - reserved;
        }
        putVarint(mark, length);
    }

    private void fixed64(int field, long v) {
        if (v == 0) return;
        tag(field, WIRE_FIXED64);
        rawFixed64(v);
    }

    private void rawFixed64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[pos++] = (byte) (v >>> (8 * i));
    }

    private void fixed32(int field, int v) {
        if (v == 0) return;
        tag(field, WIRE_FIXED32);
        ensure(4);
        for (int i = 0; i < 4; i++) buf[pos++] = (byte) (v >>> (8 * i));
    }

    private void uint32(int field, int v) {
        if (v == 0) return;
        tag(field, WIRE_VARINT);
        varint(v & 0xFFFFFFFFL);
    }

    private void int64(int field, long v) {
        tag(field, WIRE_VARINT);
        varint(v);
    }

    private void bool(int field, boolean v) {
        tag(field, WIRE_VARINT);
        varint(v ? 1 : 0);
    }

    private void double64(int field, double v) {
        tag(field, WIRE_FIXED64);
        rawFixed64(Double.doubleToRawLongBits(v));
    }

    private void bytesField(int field, byte[] b) {
        if (b.length == 0) return;
        tag(field, WIRE_LEN);
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void traceState(int field, TraceState state) {
        if (state.isEmpty()) return;
        bytesField(field, W3CTraceContextEncoding.encodeTraceState(state).getBytes(StandardCharsets.UTF_8));
    }

    /** A string field in UTF-8, skipped when null or empty (proto3 default), as OpenTelemetry writes it. */
    private void string(int field, String s) {
        if (s == null || s.isEmpty()) return;
        int n = s.length();
        int tagStart = pos;
        tag(field, WIRE_LEN);
        int reserved = varintSize(n); // UTF-8 is at least one byte per char: the length needs at least this room
        ensure(reserved + n);
        int mark = pos;
        int p = pos + reserved;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: the JDK's encoder for the whole string
                pos = tagStart;
                bytesField(field, s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[p++] = (byte) c;
        }
        pos = p;
        end(mark, reserved);
    }

    /** A trace or span id (lowercase hex, as SpanContext keeps it) as its bytes. */
    private void hexId(int field, String hex) {
        int n = hex.length() / 2;
        tag(field, WIRE_LEN);
        varint(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = OtelEncodingUtils.byteFromBase16(hex.charAt(2 * i), hex.charAt(2 * i + 1));
        }
    }

    /** An encoded request: its ResourceSpans messages in the encoder's buffer, written as they are. */
    private static final class Encoded extends Marshaler {
        private final byte[] buf;
        /** start and end of each ResourceSpans message in {@code buf} */
        private final int[] ranges;

        private final int size;

        Encoded(byte[] buf, int[] ranges) {
            this.buf = buf;
            this.ranges = ranges;
            int n = 0;
            for (int i = 0; i < ranges.length; i += 2) {
                int length = ranges[i + 1] - ranges[i];
                n += ExportTraceServiceRequest.RESOURCE_SPANS.getTagSize() + varintSize(length) + length;
            }
            this.size = n;
        }

        @Override
        public int getBinarySerializedSize() {
            return size;
        }

        @Override
        protected void writeTo(Serializer output) throws IOException {
            // Quarkus's OTLP senders write protobuf only (gRPC and http/protobuf); the slice's capacity is the length
            for (int i = 0; i < ranges.length; i += 2) {
                output.writeByteBuffer(
                        ExportTraceServiceRequest.RESOURCE_SPANS,
                        ByteBuffer.wrap(buf, ranges[i], ranges[i + 1] - ranges[i])
                                .slice());
            }
        }
    }
}
