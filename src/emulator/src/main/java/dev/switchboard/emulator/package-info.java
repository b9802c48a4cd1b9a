/**
 * Wire-level emulators of the OpenAI (+ Azure OpenAI), Anthropic, Gemini, Bedrock and Vertex AI APIs with
 * fault injection. Start one with {@link dev.switchboard.emulator.Emulator#start}; the module README has the
 * endpoint table.
 *
 * <h2>Fault grammar</h2>
 * A model name is {@code emulator} followed by dash-separated tokens in any order; unknown tokens are
 * ignored, other names get the protocol's not-found error. Examples: {@code emulator-fault-429-ra2},
 * {@code emulator-slow1500}, {@code emulator-fault-500-first2}, {@code emulator-cut3},
 * {@code emulator-fault-529-mid2}.
 * <ul>
 *   <li>{@code fault-<status>}: answer that HTTP status with the protocol's error body (gRPC: the mapped
 *       status: 400 INVALID_ARGUMENT, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND,
 *       429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED).</li>
 *   <li>{@code ra<seconds>}: with a fault, add Retry-After (OpenAI, Anthropic, Bedrock, Gemini) and a
 *       {@code google.rpc.RetryInfo} detail (Gemini, Vertex). Google 429s always carry RetryInfo (1s
 *       without {@code ra}).</li>
 *   <li>{@code delay<ms>}: wait before sending anything, headers included (timeout before first byte);
 *       also before a reset or an error, so {@code emulator-delay5000-reset} hangs, then drops.</li>
 *   <li>{@code slow<ms>}: streams send headers at once, then wait before the first chunk (slow first
 *       token); non-stream: same as delay.</li>
 *   <li>{@code gap<ms>}: wait between stream chunks.</li>
 *   <li>{@code cut<n>}: streams close the connection after n chunks without the terminator; non-stream
 *       announces the full length, sends half the body and closes.</li>
 *   <li>{@code mid<n>}: with {@code fault-<status>} on a stream, send n chunks and then the error in the
 *       stream (OpenAI/Gemini {@code data: {"error":...}}, Anthropic {@code event: error}, Bedrock an
 *       exception frame, Vertex the gRPC status).</li>
 *   <li>{@code reset}: close the connection without any response.</li>
 *   <li>{@code malformed}: non-stream: HTTP 200 with a body that is not valid JSON; stream: an extra
 *       chunk with invalid JSON after the first chunk.</li>
 *   <li>{@code first<n>}: faults apply only to the first n requests for this exact model name;
 *       {@code every<n>}: to every n-th request (n, 2n, ...); {@code p<percent>}: with that probability.
 *       They combine (all must hold). Counters are per model name and cleared by
 *       {@link dev.switchboard.emulator.Emulator#reset()}.</li>
 *   <li>{@code cache}: report a cache read of half the input tokens; {@code think}: add a reasoning part
 *       (6 tokens).</li>
 * </ul>
 * On gRPC, delay and slow both hold back the first message, cut and reset end the call with UNAVAILABLE,
 * malformed with INTERNAL.
 */
package dev.switchboard.emulator;
