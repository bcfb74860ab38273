package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.Authenticator;
import dev.ifmon.api.Credential;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import java.util.List;
import java.util.Set;

/**
 * The {@code header} authenticator: one static header, e.g. an API key. Keys: {@code name} (the header
 * name) and {@code value} (write it as {@code ${env:NAME}}). The value is treated as secret. The credential
 * never expires. Stateless and thread-safe.
 */
public final class HeaderAuthenticator implements Authenticator {

    @Override
    public String type() {
        return "header";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        return new SettingsCheck(settings).onlyKeys(Set.of("name", "value"))
                .required("name", "X-Api-Key").required("value", "${env:API_KEY}").problems();
    }

    @Override
    public Credential authenticate(AuthContext context) {
        Settings settings = context.settings();
        return Credential.header(StaticValues.required(settings, "name"), StaticValues.required(settings, "value"));
    }
}
