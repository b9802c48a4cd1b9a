package dev.switchboard.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB condition and update expressions, for the subset the Switchboard stores use: conditions with
 * {@code attribute_exists}, {@code attribute_not_exists}, {@code = <> < <= > >=}, {@code AND}, {@code OR},
 * {@code NOT} and parentheses over top-level attributes; updates with {@code SET a = operand, ...},
 * {@code ADD a :n, ...} and {@code REMOVE a, ...}. Names may be {@code #placeholders}, values must be
 * {@code :placeholders}. An item is a map of attribute name to its wire AttributeValue ({@code {"N":"5"}}).
 */
public final class Expression {

    private Expression() {}

    /** A malformed expression or a missing placeholder: DynamoDB's ValidationException. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    /** Placeholder maps of a request ({@code ExpressionAttributeNames}, {@code ExpressionAttributeValues}). */
    public record Placeholders(Map<String, String> names, Map<String, JsonNode> values) {

        String name(String token) {
            if (!token.startsWith("#")) {
                return token;
            }
            String n = names.get(token);
            if (n == null) {
                throw new Invalid("An expression attribute name used in the document path is not defined; "
                        + "attribute name: " + token);
            }
            return n;
        }

        JsonNode value(String token) {
            JsonNode v = values.get(token);
            if (v == null) {
                throw new Invalid("An expression attribute value used in expression is not defined; "
                        + "attribute value: " + token);
            }
            return v;
        }
    }

    /** Whether {@code item} (null or empty = no item) satisfies the condition. */
    public static boolean test(String condition, Map<String, JsonNode> item, Placeholders p) {
        Parser parser = new Parser(Lexer.tokens(condition), p);
        boolean result = parser.or(item == null ? Map.of() : item);
        parser.expectEnd();
        return result;
    }

    /** Applies an update expression to {@code item} in place. */
    public static void update(String expression, Map<String, JsonNode> item, Placeholders p) {
        List<String> t = Lexer.tokens(expression);
        int i = 0;
        while (i < t.size()) {
            String clause = t.get(i++).toUpperCase(java.util.Locale.ROOT);
            do {
                if (i >= t.size()) {
                    throw new Invalid("Syntax error; unexpected end of update expression");
                }
                String name = p.name(t.get(i++));
                switch (clause) {
                    case "SET" -> {
                        expect(t, i++, "=");
                        item.put(name, operand(t.get(i++), item, p));
                    }
                    case "ADD" -> item.put(name, add(item.get(name), p.value(t.get(i++)), name));
                    case "REMOVE" -> item.remove(name);
                    default -> throw new Invalid("Syntax error; unsupported update clause: " + clause);
                }
            } while (i < t.size() && t.get(i).equals(",") && ++i > 0);
        }
    }

    private static void expect(List<String> t, int i, String token) {
        if (i >= t.size() || !t.get(i).equals(token)) {
            throw new Invalid("Syntax error; expected '" + token + "'");
        }
    }

    private static JsonNode operand(String token, Map<String, JsonNode> item, Placeholders p) {
        if (token.startsWith(":")) {
            return p.value(token);
        }
        JsonNode v = item.get(p.name(token));
        if (v == null) {
            throw new Invalid("The provided expression refers to an attribute that does not exist in the item");
        }
        return v;
    }

    private static JsonNode add(JsonNode current, JsonNode delta, String name) {
        if (!delta.has("N")) {
            throw new Invalid("Incorrect operand type for operator or function; operator: ADD, operand type: "
                    + delta.fieldNames().next());
        }
        BigDecimal base = BigDecimal.ZERO;
        if (current != null) {
            if (!current.has("N")) {
                throw new Invalid("An operand in the update expression has an incorrect data type: " + name);
            }
            base = new BigDecimal(current.get("N").asText());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("N", base.add(new BigDecimal(delta.get("N").asText())).toPlainString());
        return out;
    }

    /** Recursive descent over tokens; evaluates while parsing (the expressions are tiny). */
    private static final class Parser {
        private final List<String> t;
        private final Placeholders p;
        private int i;

        Parser(List<String> tokens, Placeholders p) {
            this.t = tokens;
            this.p = p;
        }

        void expectEnd() {
            if (i != t.size()) {
                throw new Invalid("Syntax error; token: \"" + t.get(i) + "\"");
            }
        }

        private String peek() {
            return i < t.size() ? t.get(i) : "";
        }

        private String next() {
            if (i >= t.size()) {
                throw new Invalid("Syntax error; unexpected end of condition expression");
            }
            return t.get(i++);
        }

        boolean or(Map<String, JsonNode> item) {
            boolean v = and(item);
            while (peek().equalsIgnoreCase("OR")) {
                i++;
                v = and(item) | v;
            }
            return v;
        }

        private boolean and(Map<String, JsonNode> item) {
            boolean v = not(item);
            while (peek().equalsIgnoreCase("AND")) {
                i++;
                v = not(item) & v;
            }
            return v;
        }

        private boolean not(Map<String, JsonNode> item) {
            if (peek().equalsIgnoreCase("NOT")) {
                i++;
                return !not(item);
            }
            return primary(item);
        }

        private boolean primary(Map<String, JsonNode> item) {
            String tok = next();
            if (tok.equals("(")) {
                boolean v = or(item);
                expectToken(")");
                return v;
            }
            if (tok.equals("attribute_exists") || tok.equals("attribute_not_exists")) {
                expectToken("(");
                String name = p.name(next());
                expectToken(")");
                return item.containsKey(name) == tok.equals("attribute_exists");
            }
            JsonNode left = value(tok, item);
            String op = next();
            JsonNode right = value(next(), item);
            return compare(left, op, right);
        }

        private void expectToken(String token) {
            if (!next().equals(token)) {
                throw new Invalid("Syntax error; expected '" + token + "'");
            }
        }

        /** An operand: a value placeholder or an attribute (null when the item lacks it). */
        private JsonNode value(String token, Map<String, JsonNode> item) {
            return token.startsWith(":") ? p.value(token) : item.get(p.name(token));
        }
    }

    /** DynamoDB semantics: a comparison with a missing attribute or with another type is false. */
    static boolean compare(JsonNode left, String op, JsonNode right) {
        if (left == null || right == null) {
            return false;
        }
        String type = left.fieldNames().next();
        if (!type.equals(right.fieldNames().next())) {
            return op.equals("<>");
        }
        int c;
        switch (type) {
            case "N" ->
                c = new BigDecimal(left.get("N").asText())
                        .compareTo(new BigDecimal(right.get("N").asText()));
            case "S" -> c = left.get("S").asText().compareTo(right.get("S").asText());
            default -> {
                if (op.equals("=") || op.equals("<>")) {
                    return left.equals(right) == op.equals("=");
                }
                throw new Invalid("Invalid ConditionExpression: Incorrect operand type for operator or function; "
                        + "operator: " + op + ", operand type: " + type);
            }
        }
        return switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new Invalid("Syntax error; unknown comparator: " + op);
        };
    }

    /** Splits an expression into names, placeholders, keywords, comparators and punctuation. */
    static final class Lexer {
        private Lexer() {}

        static List<String> tokens(String s) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if ("(),=".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else if (c == '<' || c == '>') {
                    boolean two =
                            i + 1 < s.length() && (s.charAt(i + 1) == '=' || (c == '<' && s.charAt(i + 1) == '>'));
                    out.add(s.substring(i, i + (two ? 2 : 1)));
                    i += two ? 2 : 1;
                } else if (Character.isLetterOrDigit(c) || c == '#' || c == ':' || c == '_') {
                    int start = i;
                    while (i < s.length()
                            && (Character.isLetterOrDigit(s.charAt(i)) || "#:_-".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(s.substring(start, i));
                } else {
                    throw new Invalid("Invalid expression: syntax error; token: \"" + c + "\"");
                }
            }
            return out;
        }
    }
}
