/**
 * Starts Quarkus's own mock Lambda event server (the one {@code @QuarkusTest} uses for the Lambda package) as a
 * standalone process: plain HTTP requests on PORT become API Gateway v2 events, served to a runtime-API client at
 * {@code /_lambda_/2018-06-01/runtime/invocation/next}, and the function's answers go back to the HTTP caller.
 * Class path: the function.zip's lib/ plus quarkus-amazon-lambda(-http)-event-server (bench/serverless/run.sh).
 */
public final class MockEventServerMain {
    public static void main(String[] args) throws Exception {
        var server = new io.quarkus.amazon.lambda.runtime.MockHttpEventServer();
        server.start(Integer.parseInt(args[0]));
        System.out.println("mock event server on " + server.getPort());
        Thread.currentThread().join();
    }
}
