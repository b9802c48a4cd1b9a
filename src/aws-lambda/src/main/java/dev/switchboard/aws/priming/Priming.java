package dev.switchboard.aws.priming;

import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.api.service.ChatCompletions;
import dev.switchboard.api.service.FrontDoor;
import dev.switchboard.api.service.Messages;
import dev.switchboard.api.service.Outcome;
import dev.switchboard.api.service.RequestMeta;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.Pricer;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import dev.switchboard.provider.bedrock.BedrockProviderFactory;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * "Invoke priming" for SnapStart: before the snapshot, drive representative requests — chat and stream, in both API
 * dialects, through every provider mapping the package carries — along the same path a real request takes (front
 * door, gateway, provider codec, HTTP or SDK client, pricing), so that the snapshot holds those classes loaded and
 * initialized and their hot methods compiled. Every call goes to a {@link PrimingUpstream} on loopback, through a
 * gateway of its own: the application's gateway, its circuit breakers and its cost sink never see a priming
 * request, and no real key or credential is sent (the priming providers get made-up ones).
 */
public final class Priming {
    /** Model per provider type; real names, so pricing is exercised too (priced from the bundled table). */
    private static final Map<String, String> MODELS = Map.of(
            "openai", "gpt-4o-mini",
            "azure-openai", "gpt-4o-mini",
            "openai-compatible", "priming-1",
            "anthropic", "claude-sonnet-4-5",
            "gemini", "gemini-2.5-flash",
            "bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0");

    static final String KEY = "priming-" + "not-a-key";

    /**
     * What priming did: exchanges answered, failures (type/dialect: reason), the provider types primed, the
     * credentials the loopback upstream saw, and where that upstream listened (closed when run returns).
     */
    public record Report(
            int answered, List<String> failures, List<String> primedTypes, Set<String> credentialsSeen, URI upstream) {}

    private Priming() {}

    /**
     * Runs {@code rounds} passes of chat + stream in both dialects for each provider type in {@code factories} (types
     * priming does not know are skipped). Never throws: a failed exchange is reported, the snapshot still gets taken.
     */
    public static Report run(List<ProviderFactory> factories, Pricer pricer, int rounds) {
        List<String> failures = new ArrayList<>();
        List<String> primed = new ArrayList<>();
        int answered = 0;
        try (PrimingUpstream upstream = PrimingUpstream.start()) {
            List<ChatProvider> providers = new ArrayList<>();
            for (ProviderFactory f : factories) {
                if (!MODELS.containsKey(f.type())) continue;
                providers.add(create(f, upstream));
                primed.add(f.type());
            }
            Gateway gateway = Gateway.builder()
                    .providers(providers)
                    .pricer(pricer)
                    .costSink(CostSink.NONE)
                    .build();
            List<FrontDoor<?>> doors = List.of(
                    new ChatCompletions(gateway, RequestLimits.DEFAULT, AccessControl.open()),
                    new Messages(gateway, RequestLimits.DEFAULT, AccessControl.open()));
            try {
                for (int r = 0; r < rounds; r++) {
                    for (ChatProvider p : providers) {
                        String model = p.id() + "/" + MODELS.get(p.type());
                        for (FrontDoor<?> door : doors) {
                            for (boolean stream : new boolean[] {false, true}) {
                                String what = p.type() + "/" + (door instanceof Messages ? "messages" : "chat")
                                        + (stream ? "/stream" : "");
                                try {
                                    call(door, model, stream, r);
                                    answered++;
                                } catch (Exception | LinkageError e) {
                                    failures.add(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                                }
                            }
                        }
                    }
                }
            } finally {
                for (ChatProvider p : providers) {
                    if (p instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception ignored) {
                            // priming clients are discarded either way
                        }
                    }
                }
            }
            return new Report(
                    answered, List.copyOf(failures), List.copyOf(primed), upstream.credentialsSeen(), upstream.uri());
        } catch (Exception | LinkageError e) {
            failures.add("priming upstream: " + e);
            return new Report(answered, List.copyOf(failures), List.copyOf(primed), Set.of(), null);
        }
    }

    private static ChatProvider create(ProviderFactory f, PrimingUpstream upstream) {
        String id = "priming-" + f.type();
        ProviderSettings.Builder s = ProviderSettings.builder(id, f.type()).apiKey(KEY);
        switch (f.type()) {
            case "openai", "openai-compatible" -> s.baseUrl(upstream.uri() + "/v1");
            case "azure-openai" -> s.baseUrl(upstream.uri()).apiVersion("2024-10-21");
            case "bedrock" -> s.endpoint(upstream.uri().toString()).region("us-east-1");
            default -> s.baseUrl(upstream.uri());
        }
        if (f.type().equals("bedrock")) {
            // never the execution role's credentials (its session token would travel in the priming traffic)
            return new BedrockProviderFactory(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", KEY)))
                    .create(s.build());
        }
        return f.create(s.build());
    }

    private static void call(FrontDoor<?> door, String model, boolean stream, int round) throws Exception {
        String body = door instanceof Messages
                ? "{\"model\":\"" + model + "\",\"max_tokens\":8,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"priming\"}]}"
                : "{\"model\":\"" + model + "\",\"max_tokens\":8,\"stream\":" + stream
                        + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                        + ",\"messages\":[{\"role\":\"system\",\"content\":\"terse\"},{\"role\":\"user\",\"content\":\"priming\"}]}";
        Outcome outcome = door.handle(
                body.getBytes(StandardCharsets.UTF_8),
                new RequestMeta("priming-" + round, System.nanoTime(), null, null, "application/json"));
        if (outcome instanceof Outcome.Streaming s) s.writeTo(OutputStream.nullOutputStream());
    }
}
