package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMainTest {

    @Test
    void prewarmIsOnUnlessTheEnvironmentSaysFalse() {
        assertThat(ServerMain.prewarmEnabled(null)).isTrue();
        assertThat(ServerMain.prewarmEnabled("true")).isTrue();
        assertThat(ServerMain.prewarmEnabled("")).isTrue();
        assertThat(ServerMain.prewarmEnabled("false")).isFalse();
        assertThat(ServerMain.prewarmEnabled(" FALSE ")).isFalse();
    }
}
