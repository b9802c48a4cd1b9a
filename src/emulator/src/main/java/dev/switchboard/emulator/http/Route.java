package dev.switchboard.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint: method, raw-path pattern, an optional extra condition (e.g. "has an anthropic-version
 * header", which is how {@code GET /v1/models} is told apart for OpenAI and Anthropic) and the handler.
 */
public record Route(String method, Pattern path, Predicate<HttpExchange> condition, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        void handle(Incoming in) throws IOException;
    }

    public static Route of(String method, String pathRegex, Handler handler) {
        return new Route(method, Pattern.compile(pathRegex), ex -> true, handler);
    }

    public Route when(Predicate<HttpExchange> extra) {
        return new Route(method, path, condition.and(extra), handler);
    }

    /** The path match, or null when this route does not apply. */
    Matcher match(HttpExchange ex) {
        if (!method.equalsIgnoreCase(ex.getRequestMethod())) {
            return null;
        }
        Matcher m = path.matcher(ex.getRequestURI().getRawPath());
        return m.matches() && condition.test(ex) ? m : null;
    }
}
