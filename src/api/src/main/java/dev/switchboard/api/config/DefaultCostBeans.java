package dev.switchboard.api.config;

import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.Pricer;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Fallbacks until a runtime or the cost configuration provides real ones. */
@Singleton
public class DefaultCostBeans {

    @Produces
    @Singleton
    @DefaultBean
    CostSink costSink() {
        return CostSink.NONE;
    }

    @Produces
    @Singleton
    @DefaultBean
    Pricer pricer() {
        return Pricer.NONE;
    }
}
