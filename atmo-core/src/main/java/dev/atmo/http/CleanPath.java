package dev.atmo.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's path cleaning as httprouter applies it: collapse {@code //}, resolve {@code .} and {@code ..}, keep a trailing slash. */
final class CleanPath {
    private CleanPath() {
    }

    static String clean(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        String cleaned = "/" + String.join("/", parts);
        boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        if (trailing && !cleaned.equals("/")) {
            cleaned = cleaned + "/";
        }
        return cleaned;
    }
}
