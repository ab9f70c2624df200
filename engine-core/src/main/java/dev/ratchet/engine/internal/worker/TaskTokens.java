package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.ActivityCompletionException;
import dev.ratchet.engine.store.ActivityTask;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Task tokens of activity attempts: URL-safe Base64 of a versioned text naming the run, the activity and the attempt's
 * fence. Opaque to users; anything that does not decode to that shape is rejected with a clear
 * {@link ActivityCompletionException}. Stateless and thread-safe.
 */
public final class TaskTokens {
    private static final String VERSION = "rt1";
    private static final int MAX_TOKEN_CHARS = 4_096;

    private TaskTokens() {
    }

    /** What a token names. */
    public record Token(String runId, String activityId, long fence) {
    }

    /** The token of the attempt {@code task} describes. */
    public static String encode(ActivityTask task) {
        String text = VERSION + '\n' + task.runId() + '\n' + task.activityId() + '\n' + task.fence();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token, or throws {@link ActivityCompletionException} saying why it is not one. */
    public static Token decode(String token) {
        if (token == null || token.isBlank()) {
            throw new ActivityCompletionException("taskToken must not be null or blank");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid(token, "it is too long");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(token, "it is not URL-safe Base64");
        }
        String[] parts = text.split("\n", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw invalid(token, "it does not name a run, an activity and an attempt");
        }
        long fence;
        try {
            fence = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw invalid(token, "its attempt number is not a number");
        }
        if (fence < 1) {
            throw invalid(token, "its attempt number is not positive");
        }
        return new Token(parts[1], parts[2], fence);
    }

    private static ActivityCompletionException invalid(String token, String why) {
        String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return new ActivityCompletionException("'" + shown + "' is not a task token (" + why + "); pass the value of "
                + "ActivityContext.taskToken() unchanged");
    }
}
