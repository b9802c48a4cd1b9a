package dev.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void parsesPortsAndModels() {
        EmulatorOptions o = EmulatorMain.parse(
                new String[] {"--http-port", "8089", "--grpc-port=8090", "--models", "emulator-a,emulator-b"});
        assertThat(o.httpPort()).isEqualTo(8089);
        assertThat(o.grpcPort()).isEqualTo(8090);
        assertThat(o.listedModels()).isEqualTo(List.of("emulator-a", "emulator-b"));
        assertThat(EmulatorMain.parse(new String[0])).isEqualTo(EmulatorOptions.defaults());
        assertThat(EmulatorMain.parse(new String[] {"--help"})).isNull();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--http-port"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--http-port", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--nope", "1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startsOnRandomPortsAndStopsCleanly() {
        Emulator emulator = Emulator.start(EmulatorOptions.defaults());
        assertThat(emulator.httpBaseUri().toString()).startsWith("http://127.0.0.1:");
        assertThat(emulator.grpcTarget()).startsWith("127.0.0.1:");
        assertThat(emulator.httpPort()).isPositive();
        emulator.close();
    }
}
