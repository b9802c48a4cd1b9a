package dev.switchboard.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void theParserAcceptsExactlyWhatTheRegularExpressionsItReplacedAccepted() {
        // near-misses of both formats: every piece right, wrong, too long, too short, in odd cases and with Unicode
        // digits
        String[] pieces = {
            TRACE,
            TRACE.toUpperCase(),
            "0".repeat(32),
            TRACE.substring(1),
            TRACE + "a",
            "00",
            "0f",
            "FF",
            "g0",
            "-",
            "/",
            "/0",
            "/123",
            "/18446744073709551615",
            "/18446744073709551616",
            "/123456789012345678901",
            "/12x",
            ";o=1",
            ";o=0",
            ";o=2",
            ";o=",
            ";o=11",
            "00f067aa0ba902b7",
            "0000000000000000",
            "00F067AA0BA902B7",
            "00f067aa0ba902b",
            "-01",
            "-00",
            "-0",
            "-011",
            " ",
            "\t",
            "\u0660",
            "x",
            "99"
        };
        Random random = new Random(20261203);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) b.append(pieces[random.nextInt(pieces.length)]);
            String h = b.toString();
            assertThat(TraceContext.parse(h)).as("%s", h).isEqualTo(Reference.parse(h));
        }
        String w3c = "00-" + TRACE + "-00f067aa0ba902b7-01";
        for (int at = 0; at < w3c.length(); at++) {
            for (char c : new char[] {'0', '9', 'a', 'F', 'g', '-', '/', ' '}) {
                String h = w3c.substring(0, at) + c + w3c.substring(at + 1);
                assertThat(TraceContext.parse(h)).as("%s", h).isEqualTo(Reference.parse(h));
            }
        }
    }

    /** The parser as it was: two regular expressions (kept here as the reference the new one must agree with). */
    private static final class Reference {
        private static final Pattern CLOUD = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=([01]))?");
        private static final Pattern W3C =
                Pattern.compile("[0-9a-fA-F]{2}-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-([0-9a-fA-F]{2})");

        static TraceContext parse(String header) {
            if (header == null || header.isBlank()) return null;
            String h = header.strip();
            Matcher m = CLOUD.matcher(h);
            if (m.matches()) {
                String trace = m.group(1).toLowerCase(Locale.ROOT);
                if (trace.equals("0".repeat(32))) return null;
                String span = null;
                if (m.group(2) != null) {
                    try {
                        long v = Long.parseUnsignedLong(m.group(2));
                        span = v == 0 ? null : String.format("%016x", v);
                    } catch (NumberFormatException e) {
                        span = null;
                    }
                }
                return new TraceContext(
                        trace, span, m.group(3) == null ? null : m.group(3).equals("1"));
            }
            m = W3C.matcher(h);
            if (m.matches()) {
                String trace = m.group(1).toLowerCase(Locale.ROOT);
                String span = m.group(2).toLowerCase(Locale.ROOT);
                if (trace.equals("0".repeat(32))) return null;
                return new TraceContext(
                        trace, span.equals("0".repeat(16)) ? null : span, (Integer.parseInt(m.group(3), 16) & 1) == 1);
            }
            return null;
        }
    }
}
