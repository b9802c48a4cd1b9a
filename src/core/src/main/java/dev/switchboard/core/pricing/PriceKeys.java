package dev.switchboard.core.pricing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which price-table keys may price a call, most specific first. The first key present in the table whose entry
 * belongs to the provider type's family ({@code litellm_provider}) wins; the family check keeps, say, an OpenAI
 * provider that is asked for {@code gemini-2.5-pro} from being priced at Vertex's list price. Configured
 * overrides are looked up before any of this, by {@code provider-id/model} as called (see {@link PriceCatalog}).
 *
 * <p>"Model ids" below are the model the upstream reported as having answered, then the model as called: the
 * reported one is what was billed (an Azure deployment's real model, OpenAI's dated snapshot behind an alias).
 * <ul>
 *   <li><b>openai</b>: each id bare, then each id without a {@code -YYYY-MM-DD} suffix
 *       ({@code gpt-4o-2024-08-06} → {@code gpt-4o}). Family: openai, text-completion-openai.
 *   <li><b>azure-openai</b>: {@code azure/<reported>}, {@code azure/<reported undated>},
 *       {@code azure/<deployment>} (the model as called), then the bare OpenAI ids {@code <reported>} and
 *       {@code <reported undated>}. Family: azure, azure_text for {@code azure/} keys; openai for bare ones.
 *   <li><b>anthropic</b>: each id bare, then {@code anthropic/<id>}. Family: anthropic.
 *   <li><b>gemini</b>: {@code gemini/<id>} then bare, with the API's {@code models/} prefix removed. Family: gemini.
 *   <li><b>vertex</b>: {@code vertex_ai/<id>} then bare; a resource name ({@code publishers/google/models/x})
 *       is reduced to its model id first. Family: vertex_ai and vertex_ai-*.
 *   <li><b>bedrock</b>: the id as given ({@code us.anthropic.claude-…}, {@code anthropic.claude-…}),
 *       {@code bedrock/<id>}, then the same two without a cross-region prefix ({@code us.}, {@code eu.},
 *       {@code apac.}, {@code au.}, {@code jp.}, {@code ca.}, {@code us-gov.}, {@code global.}); an ARN is
 *       reduced to its last path segment first. Family: bedrock, bedrock_converse.
 *   <li><b>openai-compatible</b> (Ollama, vLLM, ...) and any other type: no table keys. Self-hosted models have
 *       no list price, so they are unknown unless an override prices them.
 * </ul>
 */
final class PriceKeys {
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");
    private static final Set<String> CROSS_REGION = Set.of("us", "eu", "apac", "au", "jp", "ca", "us-gov", "global");

    /** A provider family: which {@code litellm_provider} values a key may carry. */
    enum Family {
        OPENAI,
        AZURE,
        ANTHROPIC,
        GEMINI,
        VERTEX,
        BEDROCK;

        /** An entry without a provider (hand-written file) is accepted by every family. */
        boolean accepts(String provider) {
            if (provider == null) return true;
            return switch (this) {
                case OPENAI -> provider.equals("openai") || provider.equals("text-completion-openai");
                case AZURE -> provider.equals("azure") || provider.equals("azure_text");
                case ANTHROPIC -> provider.equals("anthropic");
                case GEMINI -> provider.equals("gemini");
                case VERTEX -> provider.equals("vertex_ai") || provider.startsWith("vertex_ai-");
                case BEDROCK -> provider.equals("bedrock") || provider.equals("bedrock_converse");
            };
        }
    }

    record Candidate(String key, Family family) {}

    private PriceKeys() {}

    static List<Candidate> candidates(String providerType, String model, String reportedModel) {
        if (providerType == null || model == null) return List.of();
        List<String> ids = ids(reportedModel, model);
        Map<String, Candidate> out = new LinkedHashMap<>();
        switch (providerType) {
            case "openai" -> {
                ids.forEach(id -> add(out, id, Family.OPENAI));
                ids.forEach(id -> add(out, undated(id), Family.OPENAI));
            }
            case "azure-openai" -> {
                String reported = blank(reportedModel) ? null : reportedModel;
                if (reported != null) {
                    add(out, "azure/" + reported, Family.AZURE);
                    add(out, "azure/" + undated(reported), Family.AZURE);
                }
                add(out, "azure/" + model, Family.AZURE);
                if (reported != null) {
                    add(out, reported, Family.OPENAI);
                    add(out, undated(reported), Family.OPENAI);
                }
            }
            case "anthropic" ->
                ids.forEach(id -> {
                    add(out, id, Family.ANTHROPIC);
                    add(out, "anthropic/" + id, Family.ANTHROPIC);
                });
            case "gemini" ->
                ids.forEach(id -> {
                    String bare = id.startsWith("models/") ? id.substring("models/".length()) : id;
                    add(out, "gemini/" + bare, Family.GEMINI);
                    add(out, bare, Family.GEMINI);
                });
            case "vertex" ->
                ids.forEach(id -> {
                    int at = id.lastIndexOf("/models/");
                    String bare = at >= 0 ? id.substring(at + "/models/".length()) : id;
                    add(out, "vertex_ai/" + bare, Family.VERTEX);
                    add(out, bare, Family.VERTEX);
                });
            case "bedrock" ->
                ids.forEach(id -> {
                    String bare = id.startsWith("arn:") ? id.substring(id.lastIndexOf('/') + 1) : id;
                    String global = withoutCrossRegion(bare);
                    add(out, bare, Family.BEDROCK);
                    add(out, "bedrock/" + bare, Family.BEDROCK);
                    add(out, global, Family.BEDROCK);
                    add(out, "bedrock/" + global, Family.BEDROCK);
                });
            default -> {} // openai-compatible and unknown types: overrides only
        }
        return List.copyOf(out.values());
    }

    static String undated(String id) {
        return DATE_SUFFIX.matcher(id).replaceFirst("");
    }

    static String withoutCrossRegion(String id) {
        int dot = id.indexOf('.');
        // only when a vendor.model id remains: "us.anthropic.claude-…" → "anthropic.claude-…"
        if (dot > 0 && id.indexOf('.', dot + 1) > 0 && CROSS_REGION.contains(id.substring(0, dot))) {
            return id.substring(dot + 1);
        }
        return id;
    }

    private static List<String> ids(String reported, String called) {
        List<String> ids = new ArrayList<>(2);
        if (!blank(reported)) ids.add(reported);
        if (!blank(called) && !called.equals(reported)) ids.add(called);
        return ids;
    }

    private static void add(Map<String, Candidate> out, String key, Family family) {
        out.putIfAbsent(key, new Candidate(key, family));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
