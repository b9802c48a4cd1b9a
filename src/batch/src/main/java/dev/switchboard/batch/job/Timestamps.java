package dev.switchboard.batch.job;

/** When a batch entered each state, in Unix seconds; null for a state it has not (yet) entered. */
public record Timestamps(
        long createdAt,
        Long inProgressAt,
        Long expiresAt,
        Long finalizingAt,
        Long completedAt,
        Long failedAt,
        Long expiredAt,
        Long cancellingAt,
        Long cancelledAt) {

    public static Timestamps created(long at, Long expiresAt) {
        return new Timestamps(at, null, expiresAt, null, null, null, null, null, null);
    }

    /** The same, with the time {@code status} was entered set (kept when already set: re-runs keep the first). */
    public Timestamps entered(BatchStatus status, long at) {
        return switch (status) {
            case VALIDATING -> this;
            case IN_PROGRESS ->
                new Timestamps(
                        createdAt,
                        first(inProgressAt, at),
                        expiresAt,
                        finalizingAt,
                        completedAt,
                        failedAt,
                        expiredAt,
                        cancellingAt,
                        cancelledAt);
            case FINALIZING ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        first(finalizingAt, at),
                        completedAt,
                        failedAt,
                        expiredAt,
                        cancellingAt,
                        cancelledAt);
            case COMPLETED ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        finalizingAt,
                        first(completedAt, at),
                        failedAt,
                        expiredAt,
                        cancellingAt,
                        cancelledAt);
            case FAILED ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        finalizingAt,
                        completedAt,
                        first(failedAt, at),
                        expiredAt,
                        cancellingAt,
                        cancelledAt);
            case EXPIRED ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        finalizingAt,
                        completedAt,
                        failedAt,
                        first(expiredAt, at),
                        cancellingAt,
                        cancelledAt);
            case CANCELLING ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        finalizingAt,
                        completedAt,
                        failedAt,
                        expiredAt,
                        first(cancellingAt, at),
                        cancelledAt);
            case CANCELLED ->
                new Timestamps(
                        createdAt,
                        inProgressAt,
                        expiresAt,
                        finalizingAt,
                        completedAt,
                        failedAt,
                        expiredAt,
                        cancellingAt,
                        first(cancelledAt, at));
        };
    }

    private static Long first(Long existing, long at) {
        return existing != null ? existing : at;
    }
}
