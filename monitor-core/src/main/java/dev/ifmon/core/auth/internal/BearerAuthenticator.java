package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bearer} authenticator: a static token, sent as {@code Authorization: Bearer <token>}. Key:
 * {@code token} (write it as {@code ${env:NAME}}). The credential never expires on its own; it is renewed
 * (read again) only when an endpoint rejects it, which cannot help, so a rejection is reported as such.
 * Stateless and thread-safe.
 */
public final class BearerAuthenticator implements Authenticator {

    @Override
    public String type() {
        return "bearer";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        return new SettingsCheck(settings).onlyKeys(Set.of("token")).required("token", "${env:API_TOKEN}")
                .problems();
    }

    @Override
    public Credential authenticate(AuthContext context) {
        String token = StaticValues.required(context.settings(), "token");
        String value = "Bearer " + token;
        return new Credential(Map.of("Authorization", value), Map.of(), null, Set.of(token, value));
    }
}
