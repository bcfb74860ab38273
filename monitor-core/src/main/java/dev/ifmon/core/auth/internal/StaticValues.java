package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.IfmonException;
import dev.ifmon.api.Settings;

/** Reads the required texts of an {@code auth} block, failing with a reason that quotes no value. */
final class StaticValues {

    private StaticValues() {
    }

    /**
     * @param settings the {@code auth} block
     * @param key the key
     * @return its value, never blank
     * @throws AuthenticationException when the key is missing, blank or not text
     */
    static String required(Settings settings, String key) {
        try {
            return settings.string(key).filter(value -> !value.isBlank()).orElseThrow(() ->
                    new AuthenticationException(settings.origin() + ": '" + key + "' is missing or empty"));
        } catch (IfmonException e) {
            if (e instanceof AuthenticationException missing) {
                throw missing;
            }
            throw new AuthenticationException(settings.origin() + ": '" + key + "' must be text");
        }
    }
}
