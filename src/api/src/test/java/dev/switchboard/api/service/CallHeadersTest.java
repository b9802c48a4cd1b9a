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
}
