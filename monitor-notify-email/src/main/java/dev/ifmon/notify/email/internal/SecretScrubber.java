package dev.ifmon.notify.email.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Hides the SMTP password wherever it could show up: in mail text taken from responses, in server answers, in
 * exception messages. Covers the password as written and the Base64 forms that SMTP AUTH sends. Immutable and
 * thread-safe.
 *
 * <p>Known limitation: a password shorter than {@value #MIN_LENGTH} characters is not searched for, as it
 * would mask ordinary words.
 */
public final class SecretScrubber implements UnaryOperator<String> {

    /** What a hidden value is shown as; the same as the core's mask. */
    public static final String MASK = "******";

    private static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * @param username the login, may be empty
     * @param password the password, may be empty
     * @return a scrubber for that password
     */
    public static SecretScrubber forLogin(String username, String password) {
        List<String> secrets = new ArrayList<>();
        if (password.length() >= MIN_LENGTH) {
            Base64.Encoder base64 = Base64.getEncoder();
            secrets.add(base64.encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8)));
            secrets.add(base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)));
            secrets.add(password);
        }
        return new SecretScrubber(List.copyOf(secrets));
    }

    /**
     * @param text any text, may be {@code null}
     * @return the text with every known secret replaced by {@value #MASK}; {@code ""} for {@code null}
     */
    @Override
    public String apply(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
