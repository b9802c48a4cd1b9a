package dev.switchboard.api.config;

import dev.switchboard.core.cost.CostSink;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Fallback until the cost configuration provides a real sink. */
@Singleton
public class DefaultCostBeans {

    @Produces
    @Singleton
    @DefaultBean
    CostSink costSink() {
        return CostSink.NONE;
    }
}
