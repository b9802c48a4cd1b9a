package dev.switchboard.emulator.behavior;

import java.util.random.RandomGenerator;

/**
 * Which requests a model's faults apply to. All given conditions must hold; no condition = every request.
 *
 * @param first   only requests 1..first ({@code first<n>}), or null
 * @param every   only requests every, 2*every, ... ({@code every<n>}), or null
 * @param percent each request with this probability in percent ({@code p<percent>}), or null
 */
public record Gate(Integer first, Integer every, Integer percent) {

    public static final Gate ALWAYS = new Gate(null, null, null);

    /** @param requestNumber 1-based count of requests seen for this exact model name, this one included */
    public boolean admits(int requestNumber, RandomGenerator random) {
        if (first != null && requestNumber > first) {
            return false;
        }
        if (every != null && every > 0 && requestNumber % every != 0) {
            return false;
        }
        return percent == null || random.nextInt(100) < percent;
    }
}
