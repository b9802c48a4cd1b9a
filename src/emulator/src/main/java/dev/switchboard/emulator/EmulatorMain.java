package dev.switchboard.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone emulator: {@code java -cp ... dev.switchboard.emulator.EmulatorMain --http-port 8089 --grpc-port 8090}.
 * Runs until killed.
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(usage());
            return;
        }
        Emulator emulator = Emulator.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.println("Switchboard emulator: HTTP " + emulator.httpBaseUri()
                + (options.grpcEnabled() ? ", gRPC " + emulator.grpcTarget() : ", no gRPC"));
        new CountDownLatch(1).await();
    }

    /** The options for a command line, or null when help was asked for. */
    static EmulatorOptions parse(String[] args) {
        EmulatorOptions options = EmulatorOptions.defaults();
        List<String> list = Arrays.stream(args)
                .flatMap(a -> a.startsWith("--") && a.contains("=")
                        ? Arrays.stream(a.split("=", 2))
                        : Arrays.stream(new String[] {a}))
                .toList();
        for (int i = 0; i < list.size(); i++) {
            String flag = list.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String value = list.get(++i);
            options = switch (flag) {
                case "--http-port" -> options.withHttpPort(port(flag, value));
                case "--grpc-port" -> options.withGrpcPort(port(flag, value));
                case "--models" -> options.withListedModels(List.of(value.split(",")));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            };
        }
        return options;
    }

    private static int port(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + value);
        }
    }

    static String usage() {
        return """
                usage: EmulatorMain [--http-port N] [--grpc-port N] [--models a,b]
                  --http-port  HTTP port for OpenAI, Azure OpenAI, Anthropic, Gemini and Bedrock (0 = random, default)
                  --grpc-port  gRPC port for Vertex AI (0 = random, default; -1 = off)
                  --models     model names the listing endpoints show (default emulator-1,emulator-2)
                Admin: GET /_emulator/requests[?model=m], POST /_emulator/reset.
                Faults by model name, e.g. emulator-fault-429-ra2, emulator-slow1500, emulator-cut3-first2.""";
    }
}
