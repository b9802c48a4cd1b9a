package dev.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Failure;
import dev.switchboard.emulator.behavior.FaultSpec;
import dev.switchboard.emulator.behavior.ModelSpec;
import dev.switchboard.emulator.behavior.Protocol;
import java.io.IOException;
import java.util.Optional;

/** The common path of every HTTP generate endpoint: record, resolve the model, pick faults, answer. */
public final class Generation {

    /**
     * The text that fails one line of a batch job: a batch line whose last user message is exactly this gets
     * the protocol's error result (the same text as the core's {@code NativeBatchApiContract.FAIL_TEXT}).
     */
    public static final String BATCH_FAIL_TEXT = "switchboard-emulator: fail this line";

    private final Behavior behavior;

    public Generation(Behavior behavior) {
        this.behavior = behavior;
    }

    public Behavior behavior() {
        return behavior;
    }

    public void run(Incoming in, Protocol protocol, String model, boolean stream, HttpCodec codec) throws IOException {
        record(in, protocol, model);
        if (in.json() == null || !in.json().isObject()) {
            FaultedHttpWriter.sendError(
                    in.exchange(), codec, Failure.of(400, "The request body is not a JSON object."));
            return;
        }
        Optional<ModelSpec> spec = behavior.resolve(model);
        if (spec.isEmpty()) {
            FaultedHttpWriter.sendError(in.exchange(), codec, codec.notFound(model));
            return;
        }
        FaultSpec fault = behavior.faultsFor(spec.get());
        Conversation conversation = codec.read(in.json());
        Completion answer = behavior.answer(conversation, spec.get());
        FaultedHttpWriter.write(in.exchange(), fault, codec, answer, stream, model);
    }

    /**
     * The complete (never streamed) answer to one line of a batch job: the same model resolution, answer and wire
     * shape as {@link #run}; of the model-name faults only an error status applies (nothing to delay or cut), and
     * a line asking for {@link #BATCH_FAIL_TEXT} gets a 400. Not recorded: the batch call that carried it was.
     */
    public HttpReply answerOffline(String model, JsonNode body, HttpCodec codec) {
        if (body == null || !body.isObject()) {
            return codec.error(Failure.of(400, "The request body is not a JSON object."));
        }
        Optional<ModelSpec> spec = behavior.resolve(model);
        if (spec.isEmpty()) {
            return codec.error(codec.notFound(model));
        }
        FaultSpec fault = behavior.faultsFor(spec.get());
        if (fault.status() != null) {
            return codec.error(Failure.injected(fault, model));
        }
        Conversation conversation = codec.read(body);
        if (BATCH_FAIL_TEXT.equals(conversation.lastUserText())) {
            return codec.error(Failure.of(400, "Emulated failure of a batch line (its text asks for one)."));
        }
        return codec.answer(behavior.answer(conversation, spec.get()), model);
    }

    /** Records a request that is not a generation (listings). */
    public void record(Incoming in, Protocol protocol, String model) {
        behavior.log()
                .record(
                        protocol,
                        in.method(),
                        in.pathAndQuery(),
                        model,
                        in.exchange().getRequestHeaders(),
                        in.json());
    }
}
