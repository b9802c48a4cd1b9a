package dev.switchboard.batch;

import dev.switchboard.batch.format.BatchEndpoint;
import dev.switchboard.batch.format.BatchLine;
import dev.switchboard.batch.format.LineReader;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.frontend.ParsedCall;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.nativebatch.NativeBatchApi;
import dev.switchboard.core.nativebatch.NativeRequest;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.ChatProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a job's lines can run as one provider batch job: every line resolves (its route's first target) to
 * one provider that has a batch API, one model, within that API's request counts, with no feature its batch API lacks.
 * Otherwise the first reason why not, in words shown to users.
 */
final class NativePlanner {

    /** The job's {@code metadata} key that chooses the mode. */
    static final String MODE_KEY = "mode";

    enum Requested {
        SYNC,
        NATIVE,
        AUTO;

        /** The requested mode; AUTO when unset; empty for an unknown value. */
        static Optional<Requested> of(String value) {
            if (value == null || value.isBlank()) return Optional.of(AUTO);
            for (Requested r : values()) {
                if (r.name().toLowerCase(Locale.ROOT).equals(value.strip().toLowerCase(Locale.ROOT)))
                    return Optional.of(r);
            }
            return Optional.empty();
        }
    }

    /** Where a native job goes; {@code route} is the route the lines named (a direct one is named provider/model). */
    record Target(String provider, String model, String route) {}

    /**
     * @param target   set when the lines can run natively
     * @param reason   why not, when they cannot
     * @param requests the lines as the provider receives them (only when asked for)
     */
    record Plan(Target target, String reason, NativeBatchApi api, List<NativeRequest> requests) {
        boolean runsNatively() {
            return target != null;
        }

        static Plan sync(String reason) {
            return new Plan(null, reason, null, List.of());
        }
    }

    private NativePlanner() {}

    /** The plan for the (validated) input; {@code withRequests} also keeps every line's request, to submit them. */
    static Plan plan(
            Gateway gateway, InputSource input, BatchSettings settings, BatchEndpoint required, boolean withRequests) {
        if (gateway == null) return Plan.sync("no gateway to resolve the lines' models");
        Target target = null;
        NativeBatchApi api = null;
        List<NativeRequest> requests = new ArrayList<>();
        int count = 0;
        try (LineReader reader = new LineReader(input.open(), settings.limits().maxLineBytes())) {
            LineReader.Line l;
            while ((l = reader.next()) != null) {
                if (l.oversized() || l.blank()) continue;
                int n = l.number();
                BatchLine line;
                ParsedCall parsed;
                try {
                    line = BatchLine.parse(n, l.bytes(), required);
                    parsed = line.endpoint().parse(line.body());
                } catch (BatchLine.Malformed e) {
                    return Plan.sync("line " + n + ": " + e.getMessage());
                } catch (SwitchboardException e) {
                    return Plan.sync("line " + n + " is not a valid request: " + e.getMessage());
                }
                count++;
                if (parsed.stream()) return Plan.sync("line " + n + " asks for streaming");
                String model = parsed.request().model();
                Route route;
                try {
                    route = gateway.resolve(model);
                } catch (SwitchboardException e) {
                    return Plan.sync("line " + n + ": " + e.getMessage());
                }
                RouteTarget first = route.targets().get(0);
                ChatRequest request = first.params()
                        .applyTo(parsed.request().withModel(first.ref().model()));
                String provider = first.ref().provider();
                if (target == null) {
                    ChatProvider p = gateway.providers().get(provider);
                    if (p == null) return Plan.sync("provider '" + provider + "' is not configured");
                    if (p.unavailableReason() != null) return Plan.sync(p.unavailableReason());
                    Optional<NativeBatchApi> batchApi = p.nativeBatch();
                    if (batchApi.isEmpty()) return Plan.sync("provider '" + provider + "' has no batch API enabled");
                    api = batchApi.get();
                    target = new Target(
                            provider, first.ref().model(), gateway.routes().containsKey(model) ? route.name() : null);
                } else if (!target.provider().equals(provider)) {
                    return Plan.sync("the lines go to more than one provider (" + target.provider() + ", " + provider
                            + "; line " + n + "): a provider batch job holds one provider's lines");
                } else if (!target.model().equals(first.ref().model())) {
                    return Plan.sync("the lines use more than one model (" + target.model() + ", "
                            + first.ref().model() + "; line " + n + "): a provider batch job runs one model");
                }
                Optional<String> unsupported = api.unsupported(request);
                if (unsupported.isPresent()) return Plan.sync("line " + n + ": " + unsupported.get());
                if (withRequests) requests.add(new NativeRequest(NativeRequest.forLine(n), request));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input", e);
        }
        if (target == null) return Plan.sync("the input holds no requests");
        if (count < api.minRequests()) {
            return Plan.sync(count + " requests, fewer than the " + api.minRequests() + " a '" + target.provider()
                    + "' batch job needs");
        }
        if (count > api.maxRequests()) {
            return Plan.sync(count + " requests, more than the " + api.maxRequests() + " a '" + target.provider()
                    + "' batch job takes");
        }
        return new Plan(target, null, api, List.copyOf(requests));
    }
}
