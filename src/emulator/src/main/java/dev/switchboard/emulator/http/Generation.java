package dev.switchboard.emulator.http;

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
