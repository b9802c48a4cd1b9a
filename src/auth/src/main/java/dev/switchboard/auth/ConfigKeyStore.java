package dev.switchboard.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Keys from the config file: read-only (the admin API is then read-only too). */
public final class ConfigKeyStore implements KeyStore {

    private final Map<String, GatewayKey> keys;

    public ConfigKeyStore(List<GatewayKey> keys) {
        this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(GatewayKey::id, Function.identity()));
    }

    @Override
    public Optional<GatewayKey> get(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public List<GatewayKey> list() {
        return keys.values().stream()
                .sorted(Comparator.comparing(GatewayKey::id))
                .toList();
    }
}
