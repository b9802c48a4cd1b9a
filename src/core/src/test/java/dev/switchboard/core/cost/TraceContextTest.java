package dev.switchboard.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void cloudTraceContextWithSpanAndSampling() {
        assertThat(TraceContext.parse(TRACE + "/123;o=1")).isEqualTo(new TraceContext(TRACE, "000000000000007b", true));
        assertThat(TraceContext.parse(TRACE + "/123;o=0"))
                .isEqualTo(new TraceContext(TRACE, "000000000000007b", false));
    }

    @Test
    void spanIsOptionalAndSamplingMayBeUnsaid() {
        assertThat(TraceContext.parse(TRACE)).isEqualTo(new TraceContext(TRACE, null, null));
        assertThat(TraceContext.parse(TRACE + ";o=1")).isEqualTo(new TraceContext(TRACE, null, true));
        assertThat(TraceContext.parse(TRACE + "/0;o=1")).isEqualTo(new TraceContext(TRACE, null, true));
    }

    @Test
    void spanIdIsAnUnsigned64BitDecimal() {
        assertThat(TraceContext.parse(TRACE + "/18446744073709551615").spanId()).isEqualTo("ffffffffffffffff");
        assertThat(TraceContext.parse(TRACE + "/18446744073709551616").spanId()).isNull();
    }

    @Test
    void traceIdIsLowercased() {
        assertThat(TraceContext.parse(TRACE.toUpperCase() + "/1").traceId()).isEqualTo(TRACE);
    }

    @Test
    void w3cTraceparentIsUnderstoodToo() {
        assertThat(TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-01"))
                .isEqualTo(new TraceContext(TRACE, "00f067aa0ba902b7", true));
        assertThat(TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-00").sampled())
                .isFalse();
    }

    @Test
    void anythingElseIsNoTrace() {
        assertThat(TraceContext.parse(null)).isNull();
        assertThat(TraceContext.parse("  ")).isNull();
        assertThat(TraceContext.parse("not-a-trace")).isNull();
        assertThat(TraceContext.parse("abc/123;o=1")).isNull();
        assertThat(TraceContext.parse("0".repeat(32) + "/1;o=1")).isNull();
        assertThat(TraceContext.parse(TRACE + "/12x")).isNull();
    }
}
