package dev.switchboard.emulator.behavior;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A served model name decoded into behavior: {@code emulator} followed by dash-separated tokens
 * (see the package documentation for the grammar). Unknown tokens are ignored so names such as
 * {@code emulator-1} or {@code emulator-large-cache} stay valid.
 *
 * @param name  the model name exactly as addressed; the key of the per-model request counter
 * @param fault the faults the name asks for (before gating)
 * @param gate  which requests the faults apply to
 * @param cache report a prompt-cache read of half the input
 * @param think produce a reasoning part
 */
public record ModelSpec(String name, FaultSpec fault, Gate gate, boolean cache, boolean think) {

    public static final String PREFIX = "emulator";

    private static final Pattern NUMBERED =
            Pattern.compile("(fault|ra|delay|slow|gap|cut|mid|first|every|p)(\\d{1,9})");

    /** Decodes a model name, or returns empty when the emulator does not serve it (→ the protocol's 404). */
    public static Optional<ModelSpec> parse(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] tokens =
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("-");
        Integer status = null;
        Integer retryAfter = null;
        long delay = 0;
        long slow = 0;
        long gap = 0;
        Integer cut = null;
        Integer mid = null;
        Integer first = null;
        Integer every = null;
        Integer percent = null;
        boolean reset = false;
        boolean malformed = false;
        boolean cache = false;
        boolean think = false;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            // "fault-429" is two tokens; "fault429" is accepted too
            if (token.equals("fault") && i + 1 < tokens.length && tokens[i + 1].matches("\\d{3}")) {
                status = Integer.parseInt(tokens[++i]);
                continue;
            }
            switch (token) {
                case "reset" -> reset = true;
                case "malformed" -> malformed = true;
                case "cache" -> cache = true;
                case "think" -> think = true;
                default -> {
                    Matcher m = NUMBERED.matcher(token);
                    if (!m.matches()) {
                        continue;
                    }
                    int value = Integer.parseInt(m.group(2));
                    switch (m.group(1)) {
                        case "fault" -> status = value;
                        case "ra" -> retryAfter = value;
                        case "delay" -> delay = value;
                        case "slow" -> slow = value;
                        case "gap" -> gap = value;
                        case "cut" -> cut = value;
                        case "mid" -> mid = value;
                        case "first" -> first = value;
                        case "every" -> every = value;
                        case "p" -> percent = value;
                        default -> throw new AssertionError(m.group(1));
                    }
                }
            }
        }
        FaultSpec fault = new FaultSpec(status, retryAfter, delay, slow, gap, cut, mid, reset, malformed);
        return Optional.of(new ModelSpec(name, fault, new Gate(first, every, percent), cache, think));
    }
}
