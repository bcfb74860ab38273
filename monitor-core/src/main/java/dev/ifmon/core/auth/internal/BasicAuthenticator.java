package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code basic} authenticator: HTTP Basic (RFC 7617) with {@code username} and {@code password},
 * encoded as UTF-8. The password and the encoded header value are treated as secret. The credential never
 * expires. Stateless and thread-safe.
 */
public final class BasicAuthenticator implements Authenticator {

    @Override
    public String type() {
        return "basic";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        SettingsCheck check = new SettingsCheck(settings).onlyKeys(Set.of("username", "password"))
                .required("username", "monitor").required("password", "${env:API_PASSWORD}");
        if (settings.string("username").filter(name -> name.contains(":")).isPresent()) {
            check.add(Problem.error(settings.origin(), "'username' contains ':'",
                    "HTTP Basic cannot carry a user name with ':'; use another authenticator"));
        }
        return check.problems();
    }

    @Override
    public Credential authenticate(AuthContext context) {
        Settings settings = context.settings();
        String password = StaticValues.required(settings, "password");
        String pair = StaticValues.required(settings, "username") + ":" + password;
        String value = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return new Credential(Map.of("Authorization", value), Map.of(), null, Set.of(password, value));
    }
}
