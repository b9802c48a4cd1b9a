package dev.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in fixtures are what the formatters write today; a format change must regenerate them. */
class ReportFixturesTest {
    @Test
    void fixturesMatchTheFormatters() throws Exception {
        for (Map.Entry<String, String> f : ReportFixtures.generated().entrySet()) {
            assertThat(Files.readString(ReportFixtures.DIR.resolve(f.getKey()), StandardCharsets.UTF_8))
                    .as(f.getKey() + " is stale: run ReportFixtures.main (see its javadoc)")
                    .isEqualTo(f.getValue());
        }
    }
}
