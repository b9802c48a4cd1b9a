package dev.switchboard.aws.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.switchboard.aws.SnapStartPriming;
import io.quarkus.arc.Arc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda runtime of the {@code java25-aot} package ({@code deploy/lambda-aot.sh}): Lambda's {@code provided.al2023}
 * starts {@code bootstrap}, which runs this class on a bundled JDK 25 with the package's trained AOT cache. It does what
 * AWS's managed Java runtime does for a stream handler, through the documented Lambda runtime API: initialize the
 * handler class (Quarkus starts in its static initializer), then loop: {@code GET next}, call {@code handleRequest},
 * {@code POST} the answer, or the error when the handler throws; an init failure is posted to {@code init/error}
 * and ends the process, as Lambda expects.
 *
 * <p>Why not AWS's runtime interface client: it loads the function through a class loader of its own over
 * {@code /var/task}, and the JDK caches only classes of its built-in loaders, so with it the AOT cache would hold
 * none of the application. Here every class comes from the class path the cache was trained with.
 *
 * <p>Usage: {@code java -cp switchboard-aws-lambda-runner.jar dev.switchboard.aws.runtime.LambdaRuntime [HANDLER_CLASS]} with
 * {@code AWS_LAMBDA_RUNTIME_API} set (Lambda sets it, and {@code _HANDLER}, the default for the handler class; the
 * tests point it at a local runtime API).
 */
public final class LambdaRuntime {
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** What terraform/aws configures as the function's handler, and the one the package is built around. */
    static final String DEFAULT_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

    private final String base;

    LambdaRuntime(String api) {
        this.base = "http://" + api + "/2018-06-01/runtime/";
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || api.isBlank()) {
            System.err.println("usage: AWS_LAMBDA_RUNTIME_API=host:port java ... " + LambdaRuntime.class.getName()
                    + " [HANDLER_CLASS]");
            System.exit(2);
        }
        LambdaRuntime runtime = new LambdaRuntime(api);
        String handlerClass = handlerClass(args.length > 0 ? args[0] : System.getenv("_HANDLER"));
        RequestStreamHandler handler;
        try {
            handler = (RequestStreamHandler) Class.forName(handlerClass, true, LambdaRuntime.class.getClassLoader())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (Throwable t) {
            Throwable cause = rootCause(t);
            System.err.println("lambda runtime: init failed: " + cause);
            runtime.post("init/error", error(cause), "Runtime.InitError");
            System.exit(1);
            return;
        }
        if ("true".equals(System.getenv("SWITCHBOARD_AOT_TRAINING"))) {
            // deploy/lambda-aot.sh's training run: every provider mapping once (SnapStart priming, its own loopback
            // upstream and made-up credentials), so the cache holds their classes loaded and linked too
            Arc.container().instance(SnapStartPriming.class).get().prime();
        }
        System.err.printf(
                "lambda runtime: %s initialized in %d ms%n", handlerClass, (System.nanoTime() - t0) / 1_000_000);
        runtime.loop(handler);
    }

    /** The handler class of Lambda's {@code _HANDLER} ("class::method"; the method of a stream handler is fixed). */
    static String handlerClass(String handler) {
        if (handler == null || handler.isBlank()) return DEFAULT_HANDLER;
        int sep = handler.indexOf("::");
        return (sep < 0 ? handler : handler.substring(0, sep)).trim();
    }

    private void loop(RequestStreamHandler handler) {
        while (true) {
            Invocation next = next();
            if (next.traceId() != null) System.setProperty(TRACE_PROPERTY, next.traceId());
            else System.clearProperty(TRACE_PROPERTY);
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] answer;
            String path;
            String errorType = null;
            try {
                handler.handleRequest(new ByteArrayInputStream(next.event()), out, next.context());
                answer = out.toByteArray();
                path = "invocation/" + next.requestId() + "/response";
            } catch (Throwable t) {
                System.err.println("lambda runtime: invocation " + next.requestId() + " failed: " + t);
                answer = error(t);
                path = "invocation/" + next.requestId() + "/error";
                errorType = "Unhandled";
            }
            post(path, answer, errorType);
        }
    }

    /** Blocks until Lambda hands over the next event; retries a failed poll (the runtime API is local and always up). */
    private Invocation next() {
        while (true) {
            try {
                HttpURLConnection c = open("invocation/next");
                c.setReadTimeout(0);
                byte[] event;
                try (InputStream in = c.getInputStream()) {
                    event = in.readAllBytes();
                }
                String id = c.getHeaderField("Lambda-Runtime-Aws-Request-Id");
                if (c.getResponseCode() == 200 && id != null) {
                    return new Invocation(
                            id,
                            event,
                            c.getHeaderField("Lambda-Runtime-Trace-Id"),
                            new Ctx(
                                    id,
                                    deadline(c.getHeaderField("Lambda-Runtime-Deadline-Ms")),
                                    c.getHeaderField("Lambda-Runtime-Invoked-Function-Arn")));
                }
                System.err.println("lambda runtime: next answered " + c.getResponseCode() + " without a request id");
            } catch (IOException e) {
                System.err.println("lambda runtime: next failed: " + e);
            }
            sleep();
        }
    }

    /** POSTs to the runtime API; a refused post (e.g. 413 for an answer over Lambda's 6 MB) is logged, Lambda answers it. */
    private void post(String path, byte[] body, String errorType) {
        try {
            HttpURLConnection c = open(path);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            // not fixed-length streaming: headers and body then go out as separate writes, and Nagle holds the body
            if (errorType != null) {
                c.setRequestProperty("Content-Type", "application/json");
                c.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
            }
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) in.readAllBytes();
            }
            if (status >= 300) System.err.println("lambda runtime: " + path + " answered " + status);
        } catch (IOException e) {
            System.err.println("lambda runtime: " + path + " failed: " + e);
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection c =
                (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setConnectTimeout(5_000);
        return c;
    }

    /** Lambda's error document: type and message only, no stack trace. */
    static byte[] error(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return ("{\"errorType\":" + json(t.getClass().getName()) + ",\"errorMessage\":" + json(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal, escaped by Jackson (the package's JSON library). */
    private static String json(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExceptionInInitializerError || c instanceof java.lang.reflect.InvocationTargetException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static long deadline(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Invocation(String requestId, byte[] event, String traceId, Ctx context) {}

    /** What the managed runtime's context carries, from the invocation's headers and the function's environment. */
    private record Ctx(String requestId, long deadlineMs, String arn) implements Context {
        private static final LambdaLogger LOGGER = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return arn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return deadlineMs == 0
                    ? Integer.MAX_VALUE
                    : (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineMs - System.currentTimeMillis()));
        }

        @Override
        public int getMemoryLimitInMB() {
            try {
                return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public LambdaLogger getLogger() {
            return LOGGER;
        }
    }
}
