package dev.switchboard.auth;

import java.util.List;

/** Glob patterns over model / route names: {@code *} matches any run of characters (slashes included). */
public final class ModelPatterns {

    private ModelPatterns() {}

    /** An empty pattern list allows everything. */
    public static boolean anyMatches(List<String> patterns, String name) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (name == null) {
            return false;
        }
        for (String p : patterns) {
            if (matches(p, name)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
