package dev.switchboard.provider.bedrock;

/** The shared native batch contract for a non-Claude model: a Converse-format job. */
class BedrockConverseNativeBatchTest extends BedrockNativeBatchTest {
    @Override
    protected String model() {
        return "us.amazon.emulator-1";
    }
}
