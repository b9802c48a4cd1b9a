package dev.switchboard.aws;

import dev.switchboard.aws.priming.Priming;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.spi.ProviderFactory;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * SnapStart priming: when Lambda takes the snapshot (after the init phase, which with Quarkus's full warmup has
 * started the whole application), {@link Priming} first drives representative requests through a loopback
 * upstream, so a restored instance starts with the request path loaded, initialized and partly compiled instead of
 * paying for it in its first invocations. Registered only when SnapStart support is on
 * ({@code quarkus.snapstart.enabled}); without a snapshot (SnapStart off, or not on Lambda) it never runs.
 *
 * <p>After a restore nothing needs undoing: priming's providers, gateway, upstream and connections are closed before
 * the checkpoint and the application's own providers connect on first use; the randomness drawn after a restore
 * (request ids, backoff jitter, tool-call ids) comes from SecureRandom, which mixes fresh kernel entropy into every
 * draw, never from a generator whose state the snapshot holds.
 */
@Singleton
public class SnapStartPriming implements Resource {
    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    private static final int ROUNDS = 3;

    @Inject
    @All
    List<ProviderFactory> factories;

    @Inject
    Pricer pricer;

    @ConfigProperty(name = "quarkus.snapstart.enabled", defaultValue = "false")
    boolean snapStart;

    void register(@Observes StartupEvent ignored) {
        // the global context holds resources weakly; this bean is an application-scoped singleton, so it stays
        if (snapStart) Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // see the class comment: nothing of priming survives, and no snapshot-held random state is drawn from
    }

    /** Runs priming now; what it did. */
    public Priming.Report prime() {
        long t0 = System.nanoTime();
        Priming.Report report = Priming.run(factories, pricer, ROUNDS);
        LOG.infof(
                "SnapStart priming: %d exchanges through %s in %d ms%s",
                report.answered(),
                report.primedTypes(),
                (System.nanoTime() - t0) / 1_000_000,
                report.failures().isEmpty() ? "" : "; failed: " + report.failures());
        return report;
    }
}
