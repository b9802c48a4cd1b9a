package dev.switchboard.emulator.behavior;

import java.util.List;
import java.util.Optional;

/**
 * The single behavior layer behind every front end: which models exist, which fault a request gets,
 * what the answer is, and the record of what was asked.
 */
public final class Behavior {

    private final List<String> listedModels;
    private final RequestLog log;
    private final FaultSchedule faults = new FaultSchedule();
    private final Responder responder = new Responder();

    public Behavior(List<String> listedModels, int maxRecordedRequests) {
        this.listedModels = List.copyOf(listedModels);
        this.log = new RequestLog(maxRecordedRequests);
    }

    /** Models that listing endpoints show (any {@code emulator*} name is served regardless). */
    public List<String> listedModels() {
        return listedModels;
    }

    public Optional<ModelSpec> resolve(String model) {
        return ModelSpec.parse(model);
    }

    /** Counts the request against its model and returns the faults that apply to it. */
    public FaultSpec faultsFor(ModelSpec model) {
        return faults.next(model);
    }

    public Completion answer(Conversation conversation, ModelSpec model) {
        return responder.answer(conversation, model);
    }

    public RequestLog log() {
        return log;
    }

    public FaultSchedule schedule() {
        return faults;
    }

    public void reset() {
        log.clear();
        faults.reset();
    }
}
