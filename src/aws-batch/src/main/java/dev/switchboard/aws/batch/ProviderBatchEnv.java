package dev.switchboard.aws.batch;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The dashed native batch options of a provider from the environment terraform sets: {@code
 * SWITCHBOARD_PROVIDERS_BEDROCK_BATCH_ROLE_ARN} → {@code switchboard.providers.bedrock.batch.role-arn}. The plain
 * environment source cannot do it: {@code batch} is a free map, so it reads {@code ROLE_ARN} as the key {@code
 * role.arn}. Keys without a dash ({@code BUCKET}, {@code PREFIX}) need no help. Provider ids are read lowercase.
 */
public final class ProviderBatchEnv implements ConfigSource {
    private static final Pattern NAME =
            Pattern.compile("SWITCHBOARD_PROVIDERS_([A-Z0-9]+)_BATCH_(ROLE_ARN|S3_ENDPOINT)");
    /** Below the environment (300) and system properties (400), above application.yaml. */
    private static final int ORDINAL = 275;

    private final Map<String, String> properties;

    public ProviderBatchEnv() {
        this(System.getenv());
    }

    ProviderBatchEnv(Map<String, String> env) {
        Map<String, String> p = new TreeMap<>();
        env.forEach((name, value) -> {
            Matcher m = NAME.matcher(name);
            if (m.matches() && value != null && !value.isBlank()) {
                String key = m.group(2).toLowerCase(Locale.ROOT).replace('_', '-');
                p.put("switchboard.providers." + m.group(1).toLowerCase(Locale.ROOT) + ".batch." + key, value);
            }
        });
        properties = Map.copyOf(p);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "provider batch options from the environment";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
