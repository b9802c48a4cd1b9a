import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What AWS's managed Java runtime does, reduced to its steps, for the benchmark: load and initialize the handler
 * class (Lambda's init phase; with SnapStart this is what the snapshot is taken after), then loop on the Lambda
 * runtime API: GET the next event, call {@code handleRequest}, POST the answer. Pointed at Quarkus's mock event
 * server (AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT/_lambda_). Not the real runtime client (that one is native code
 * and ships with the managed runtime), so it measures the package's own start, not AWS's. With RUN_CRAC_HOOKS set,
 * the before-checkpoint and after-restore hooks of the application's CRaC-resource beans run at the end of init, as
 * around a SnapStart snapshot (Quarkus's own registrations outside CDI are not reached).
 *
 * <p>Usage: {@code java -cp function:function/lib/*:. LambdaRuntimeLoop io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler}
 */
public final class LambdaRuntimeLoop {
    public static void main(String[] args) throws Exception {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        String base = "http://" + api + "/2018-06-01/runtime/invocation/";
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0], true,
                LambdaRuntimeLoop.class.getClassLoader()).getDeclaredConstructor().newInstance();
        if (System.getenv("RUN_CRAC_HOOKS") != null) {
            // what Lambda does around the SnapStart snapshot: beforeCheckpoint, then (in the restored copy)
            // afterRestore. org.crac's global context cannot be driven from outside, so the hooks of the
            // application's CDI beans that are CRaC resources (the package's priming) are called directly.
            for (org.crac.Resource r : io.quarkus.arc.Arc.container().select(org.crac.Resource.class,
                    jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
                r.beforeCheckpoint(null);
                r.afterRestore(null);
            }
        }
        System.err.println("lambda-runtime-loop: init done");
        while (true) {
            HttpURLConnection next = (HttpURLConnection) URI.create(base + "next").toURL().openConnection();
            next.setReadTimeout(0);
            byte[] event;
            try (InputStream in = next.getInputStream()) {
                event = in.readAllBytes();
            }
            String id = next.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, new Ctx(id));
            HttpURLConnection post = (HttpURLConnection) URI.create(base + id + "/response").toURL().openConnection();
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            try (OutputStream o = post.getOutputStream()) {
                out.writeTo(o);
            }
            post.getInputStream().readAllBytes();
        }
    }

    private record Ctx(String id) implements Context {
        public String getAwsRequestId() { return id; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 60_000; }
        public int getMemoryLimitInMB() { return 1769; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String m) { System.out.print(m); }
                public void log(byte[] m) { System.out.print(new String(m, StandardCharsets.UTF_8)); }
            };
        }
    }
}
