package dev.switchboard.provider.openai;

import dev.switchboard.core.spi.ChatProvider;
import java.util.Map;

/** The shared native batch suite for type openai, against the emulated /v1/files + /v1/batches. */
class OpenAiNativeBatchContractTest extends EmulatedBatchContract {

    @Override
    ChatProvider provider(EmulatedBatchApi emulated) {
        return emulated.openAi(Map.of());
    }

    @Override
    protected String model() {
        return "emulator-1";
    }
}
