package dev.switchboard.provider.openai;

import dev.switchboard.core.spi.ChatProvider;
import java.util.Map;

/**
 * The shared native batch suite for type azure-openai, against the emulated /openai/files + /openai/batches; every
 * line goes to the configured batch deployment.
 */
class AzureOpenAiNativeBatchContractTest extends EmulatedBatchContract {

    @Override
    ChatProvider provider(EmulatedBatchApi emulated) {
        return emulated.azure(Map.of("deployment", "emulator-global-batch"));
    }

    @Override
    protected String model() {
        return "emulator-standard"; // replaced by the batch deployment in every line
    }
}
