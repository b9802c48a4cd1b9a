package dev.switchboard.emulator.behavior;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level text handling. A "word" is a run of non-whitespace; chunks keep their leading whitespace so
 * that concatenating the stream chunks gives back the exact text.
 */
public final class Words {

    private static final Pattern WORD_WITH_LEADING_SPACE = Pattern.compile("\\s*\\S+");

    private Words() {}

    public static int count(String text) {
        return chunks(text).size();
    }

    /** The text as stream chunks: "Hello", " from", " the", ... (trailing whitespace joins the last). */
    public static List<String> chunks(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD_WITH_LEADING_SPACE.matcher(text);
        int end = 0;
        while (m.find()) {
            out.add(m.group());
            end = m.end();
        }
        if (end < text.length() && !out.isEmpty()) {
            out.set(out.size() - 1, out.getLast() + text.substring(end));
        }
        return out;
    }

    /** The first {@code n} words, whitespace between them preserved. */
    public static String truncate(String text, int n) {
        List<String> chunks = chunks(text);
        if (n >= chunks.size()) {
            return text;
        }
        String joined = String.join("", chunks.subList(0, Math.max(0, n)));
        return joined.stripTrailing();
    }

    /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut);
    }

    /** Splits a string into three contiguous pieces (some may be empty for very short input). */
    public static List<String> thirds(String text) {
        int a = text.length() / 3;
        int b = 2 * text.length() / 3;
        return List.of(text.substring(0, a), text.substring(a, b), text.substring(b));
    }
}
