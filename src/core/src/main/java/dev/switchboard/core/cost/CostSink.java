package dev.switchboard.core.cost;

/** Where cost records go (CloudWatch EMF, Cloud Logging JSON, a local JSONL file...). Must not throw. */
@FunctionalInterface
public interface CostSink {
    CostSink NONE = record -> {};

    void emit(CostRecord record);
}
