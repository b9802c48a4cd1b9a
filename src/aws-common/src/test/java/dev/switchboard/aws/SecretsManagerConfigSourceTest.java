package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretsManagerConfigSourceTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:switchboard-keys-AbCdEf";
    private static final String[] PROPERTIES = {
        "aws.endpointUrlSecretsManager", "aws.region", "aws.accessKeyId", "aws.secretAccessKey"
    };
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void saveProperties() {
        for (String p : PROPERTIES) saved.put(p, System.getProperty(p));
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
    }

    @Test
    void parseKeepsTextValuesOfAJsonObject() {
        assertThat(SecretsManagerConfigSource.parse("""
                {"OPENAI_API_KEY":"sk-1","ANTHROPIC_API_KEY":"ant-2","COUNT":3,"NESTED":{"a":"b"},"NULL":null}"""))
                .containsExactlyInAnyOrderEntriesOf(Map.of("OPENAI_API_KEY", "sk-1", "ANTHROPIC_API_KEY", "ant-2"));
    }

    @Test
    void parseOfAnythingButAnObjectIsEmpty() {
        assertThat(SecretsManagerConfigSource.parse(null)).isEmpty();
        assertThat(SecretsManagerConfigSource.parse("")).isEmpty();
        assertThat(SecretsManagerConfigSource.parse("sk-plain-string-secret")).isEmpty();
        assertThat(SecretsManagerConfigSource.parse("[\"a\"]")).isEmpty();
        assertThat(SecretsManagerConfigSource.parse("{\"broken\":")).isEmpty();
    }

    @Test
    void noArnMeansNoValuesAndNoCall() {
        // endpoint that would fail loudly if anything called it
        System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:1");
        for (String arn : new String[] {null, "", "  "}) {
            SecretsManagerConfigSource source = new SecretsManagerConfigSource(arn);
            assertThat(source.getPropertyNames()).isEmpty();
            assertThat(source.getValue("OPENAI_API_KEY")).isNull();
        }
        // the environment of this test has no SWITCHBOARD_SECRET_ARN: the registered source is empty
        assertThat(System.getenv(SecretsManagerConfigSource.ARN_ENV)).isNull();
        assertThat(new SecretsManagerConfigSource().getPropertyNames()).isEmpty();
    }

    @Test
    void registeredBelowTheEnvironment() {
        ConfigSource registered = ServiceLoader.load(ConfigSource.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(s -> s instanceof SecretsManagerConfigSource)
                .findFirst()
                .orElseThrow();
        // env variables (300) win over the secret, the secret over application.yaml (250)
        assertThat(registered.getOrdinal()).isLessThan(300).isGreaterThan(250);
        assertThat(registered.getName())
                .contains(SecretsManagerConfigSource.ARN_ENV)
                .doesNotContain("arn:");
    }

    /** The real SDK client against a local Secrets Manager: GetSecretValue (JSON 1.1 protocol) is read once. */
    @Test
    void readsTheSecretThroughTheSdk() throws Exception {
        AtomicReference<String> target = new AtomicReference<>();
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            target.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"ARN\":\"" + ARN + "\",\"Name\":\"switchboard-keys\",\"VersionId\":\"v1\","
                            + "\"SecretString\":\"{\\\"OPENAI_API_KEY\\\":\\\"sk-from-secret\\\"}\","
                            + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            System.setProperty(
                    "aws.endpointUrlSecretsManager",
                    "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", "AKIDTEST");
            System.setProperty("aws.secretAccessKey", "test-secret");
            SecretsManagerConfigSource source = new SecretsManagerConfigSource(ARN);
            assertThat(source.getValue("OPENAI_API_KEY")).isEqualTo("sk-from-secret");
            assertThat(source.getPropertyNames()).containsExactly("OPENAI_API_KEY");
            assertThat(target.get()).isEqualTo("secretsmanager.GetSecretValue");
            assertThat(request.get()).contains(ARN);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreadableSecretLeavesTheSourceEmptyAndSaysSoWithoutValues() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:" + closedPort);
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        java.util.List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger logger =
                java.util.logging.Logger.getLogger(SecretsManagerConfigSource.class.getName());
        logger.addHandler(capture);
        SecretsManagerConfigSource source;
        try {
            source = new SecretsManagerConfigSource(ARN);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(source.getPropertyNames()).isEmpty();
        // a WARN naming the secret, and the same reason for the readiness check; never a value
        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel().intValue()).isEqualTo(java.util.logging.Level.WARNING.intValue());
            assertThat(r.getMessage() + java.util.Arrays.toString(r.getParameters()))
                    .contains("could not read secret " + ARN)
                    .doesNotContain("test-secret");
        });
        assertThat(SecretsManagerConfigSource.failure())
                .contains("could not read secret " + ARN)
                .contains(SecretsManagerConfigSource.ARN_ENV)
                .doesNotContain("test-secret");
    }
}
