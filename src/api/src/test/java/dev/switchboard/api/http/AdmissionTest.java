package dev.switchboard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final long MB = 1024 * 1024;

    @Test
    void bodiesAreAdmittedWhileTheirSumFitsTheBudget() {
        Admission a = new Admission(20 * MB, 100);
        Admission.Ticket first = a.tryAdmit(9 * MB);
        Admission.Ticket second = a.tryAdmit(9 * MB);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(a.tryAdmit(9 * MB)).as("a third 9 MB body would pass 20 MB").isNull();
        assertThat(a.tryAdmit(1024)).as("small ones still fit").isNotNull();
        first.release();
        first.release(); // idempotent: end and close handlers may both fire
        assertThat(a.inFlightBytes()).isEqualTo(9 * MB + 1024);
        assertThat(a.tryAdmit(9 * MB)).isNotNull();
    }

    @Test
    void oneBodyLargerThanTheBudgetIsAdmittedWhenAlone() {
        Admission a = new Admission(5 * MB, 100);
        Admission.Ticket big = a.tryAdmit(9 * MB);
        assertThat(big).isNotNull();
        assertThat(a.tryAdmit(1)).isNull();
        big.release();
        assertThat(a.inFlightBytes()).isZero();
        assertThat(a.inFlightRequests()).isZero();
    }

    @Test
    void requestsAreCountedToo() {
        Admission a = new Admission(100 * MB, 2);
        Admission.Ticket one = a.tryAdmit(0);
        assertThat(a.tryAdmit(0)).isNotNull();
        assertThat(a.tryAdmit(0)).isNull();
        assertThat(a.inFlightRequests()).isEqualTo(2);
        one.release();
        assertThat(a.tryAdmit(0)).isNotNull();
    }

    @Test
    void theBusyAnswerIsA503WithItsOwnCode() {
        assertThat(Admission.busy().httpStatus()).isEqualTo(503);
        assertThat(Admission.busy().code()).isEqualTo("gateway_busy");
        assertThat(Admission.busy().getMessage()).contains("switchboard.limits.max-in-flight");
    }
}
