package dev.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
    @Test
    void parsesEveryOptionInBothSpellings() throws Exception {
        ReportOptions o = ReportOptions.parse(
                "a.jsonl",
                "--from",
                "2025-05-01",
                "--to=2025-05-31",
                "--by",
                "day,model",
                "--by=provider",
                "--session",
                "req_",
                "--tag=team-a",
                "--csv",
                "out.csv",
                "-",
                "--",
                "--weird-name");
        assertThat(o.inputs()).containsExactly("a.jsonl", "-", "--weird-name");
        assertThat(o.filter())
                .isEqualTo(new RecordFilter(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31), "req_", "team-a"));
        assertThat(o.groupings()).containsExactly(Grouping.DAY, Grouping.MODEL, Grouping.PROVIDER);
        assertThat(o.csv()).isEqualTo(Path.of("out.csv"));
        assertThat(o.tables()).containsExactly(Grouping.DAY, Grouping.MODEL, Grouping.PROVIDER);
    }

    @Test
    void defaultTablesAreAllFourExceptForASessionCost() throws Exception {
        assertThat(ReportOptions.parse("f").tables())
                .containsExactly(Grouping.PROVIDER, Grouping.MODEL, Grouping.DAY, Grouping.TAG);
        assertThat(ReportOptions.parse("f", "--by", "batch").tables()).containsExactly(Grouping.BATCH);
        assertThat(ReportOptions.parse("f", "--tag", "t").tables()).isEmpty();
        assertThat(ReportOptions.parse("f", "--tag", "t", "--by", "tag").tables())
                .containsExactly(Grouping.TAG);
    }

    @Test
    void helpNeedsNoInput() throws Exception {
        assertThat(ReportOptions.parse("--help").help()).isTrue();
        assertThat(ReportOptions.parse("-h").help()).isTrue();
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> ReportOptions.parse()).hasMessageContaining("no input");
        assertThatThrownBy(() -> ReportOptions.parse("f", "--by", "week")).hasMessageContaining("unknown --by 'week'");
        assertThatThrownBy(() -> ReportOptions.parse("f", "--to", "31/05/2025")).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> ReportOptions.parse("f", "--tag")).hasMessageContaining("--tag needs a value");
        assertThatThrownBy(() -> ReportOptions.parse("f", "-x")).hasMessageContaining("unknown option -x");
        for (var args : List.of(
                new String[] {"f", "--by", ","}, new String[] {"f", "--from", "2025-02-01", "--to", "2025-01-01"})) {
            assertThatThrownBy(() -> ReportOptions.parse(args)).isInstanceOf(ReportOptions.UsageException.class);
        }
    }
}
