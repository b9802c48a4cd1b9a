package dev.switchboard.aws.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The Lambda SQS event and the partial-batch response ({@code ReportBatchItemFailures}), as JSON records. */
public final class SqsEvents {
    private SqsEvents() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SqsEvent(@JsonProperty("Records") List<SqsMessage> records) {
        public SqsEvent {
            records = records == null ? List.of() : records;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SqsMessage(
            String messageId,
            String receiptHandle,
            String body,
            Map<String, String> attributes,
            String eventSource,
            String eventSourceARN) {}

    /** Messages listed here are retried by SQS (and dead-lettered after the queue's maxReceiveCount). */
    public record SqsBatchResponse(List<ItemFailure> batchItemFailures) {}

    public record ItemFailure(String itemIdentifier) {}
}
