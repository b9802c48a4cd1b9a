package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BedrockBatchNamesTest {
    /** Bedrock's patterns (API reference, ModelInvocationJobName and ModelInvocationIdempotencyToken). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\\-.]){0,63}");

    private static final Pattern TOKEN = Pattern.compile("[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "batch_0190a1b2c3d4e5f6a7b8c9d0e1f2",
                "batch_-_",
                "batch_a-b_c--d__e",
                "batch_ABCdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
            })
    void namesAndTokensFitBedrocksPatternsAndTokensLeadBackToTheJob(String jobId) {
        String token = BedrockBatchNames.token(jobId);
        String name = BedrockBatchNames.jobName(jobId);
        assertThat(token).matches(TOKEN).hasSizeLessThanOrEqualTo(256);
        assertThat(name).matches(NAME).hasSizeLessThanOrEqualTo(63);
        assertThat(BedrockBatchNames.jobIdOf(token)).contains(jobId);
        if (!name.equals(token)) assertThat(BedrockBatchNames.jobIdOf(name)).isEmpty();
    }

    @Test
    void theIdsJobIdsMakeAreReadableInTheJobName() {
        assertThat(BedrockBatchNames.jobName("batch_0190abc")).isEqualTo("sb-batch-u0190abc");
        assertThat(BedrockBatchNames.jobIdOf("sb-batch-u0190abc")).contains("batch_0190abc");
    }

    @Test
    void distinctJobIdsNeverShareANameOrToken() {
        assertThat(BedrockBatchNames.token("batch_a-b")).isNotEqualTo(BedrockBatchNames.token("batch_a_b"));
        String longA = "batch_" + "a".repeat(60);
        String longB = "batch_" + "a".repeat(59) + "b";
        assertThat(BedrockBatchNames.jobName(longA)).isNotEqualTo(BedrockBatchNames.jobName(longB));
    }

    @Test
    void foreignNamesAreNotSwitchboardJobs() {
        assertThat(BedrockBatchNames.jobIdOf("my-nightly-job")).isEmpty();
        assertThat(BedrockBatchNames.jobIdOf("sb-batch-x1")).isEmpty();
        assertThat(BedrockBatchNames.jobIdOf(null)).isEmpty();
        assertThatThrownBy(() -> BedrockBatchNames.token("batch_ä")).isInstanceOf(IllegalArgumentException.class);
    }
}
