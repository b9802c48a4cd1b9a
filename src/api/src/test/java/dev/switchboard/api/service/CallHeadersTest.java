package dev.switchboard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The request-id rule every runtime applies: echo a caller's id only when it is safe to log and echo. */
class CallHeadersTest {

    @Test
    void aPlainCallerIdIsKept() {
        assertThat(CallHeaders.requestId("trace-1.2:abc_X")).isEqualTo("trace-1.2:abc_X");
    }

    @Test
    void anUnsafeOrMissingIdIsReplaced() {
        for (String bad : new String[] {null, "", "has space", "x".repeat(129), "new\nline", "<script>"}) {
            assertThat(CallHeaders.requestId(bad))
                    .as(String.valueOf(bad))
                    .startsWith("req_")
                    .hasSize(36);
        }
    }

    @Test
    void overheadIsMillisecondsWithThreeDecimals() {
        assertThat(CallHeaders.overhead(System.nanoTime(), 0)).matches("\\d+\\.\\d{3}");
        assertThat(CallHeaders.overhead(System.nanoTime(), Long.MAX_VALUE / 2)).isEqualTo("0.000");
    }

    /** The formatter-free form writes what String.format wrote, around every rounding edge and at large values. */
    @Test
    void overheadDigitsAreThoseOfTheFormatItReplaces() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(
                0L,
                1L,
                499L,
                500L,
                501L,
                999L,
                1_000L,
                1_499L,
                1_500L,
                999_499L,
                999_500L,
                9_999_999L,
                1_000_000L,
                86_400_000_000_000L,
                8_640_000_000_000_000L));
        for (int i = 0; i < 20_000; i++) {
            long scale = 10L * (1L << random.nextInt(50));
            long v = random.nextLong(scale);
            values.add(v);
            values.add(v / 1000 * 1000 + 500); // exactly half a microsecond
        }
        for (long nanos : values) {
            assertThat(CallHeaders.millis3(nanos))
                    .as("%d ns", nanos)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6));
        }
    }

    @Test
    void aNewRequestIdIsAUuidsHexDigits() {
        String id = dev.switchboard.core.gateway.RequestContext.newRequestId();
        assertThat(id).matches("req_[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
    }
}
