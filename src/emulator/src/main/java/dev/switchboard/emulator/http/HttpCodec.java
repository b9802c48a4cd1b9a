package dev.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.emulator.behavior.Completion;
import dev.switchboard.emulator.behavior.Conversation;
import dev.switchboard.emulator.behavior.Failure;

/**
 * One HTTP provider protocol's wire shapes. Codecs only translate; timing, faults and the answer itself
 * come from the shared layers ({@link FaultedHttpWriter}, {@code behavior}).
 */
public interface HttpCodec {

    /** Decodes the request body. Readers are lenient: unknown fields are ignored. */
    Conversation read(JsonNode body);

    HttpReply answer(Completion answer, String model);

    StreamReply stream(Completion answer, String model);

    /** The protocol's error response for a status; Retry-After is added by the writer. */
    HttpReply error(Failure failure);

    /** The protocol's "model not found" failure. */
    Failure notFound(String model);

    /** An error delivered inside an already started stream. */
    byte[] streamError(Failure failure);

    /** A stream frame whose payload is not valid JSON. */
    byte[] malformedFrame();
}
