package dev.ifmon.core.http;

import java.nio.file.Path;

/**
 * How a service's HTTPS peers are verified: the JDK's trusted CAs, a custom CA bundle (PEM), or not at all.
 * One shared HTTP client exists per distinct setting. Immutable.
 *
 * @param caFile a PEM file of CA certificates to trust instead of the JDK's, or {@code null}
 * @param insecure whether certificates and host names are not verified at all
 */
public record TlsSetting(Path caFile, boolean insecure) {

    /** Verify against the JDK's trusted CAs. */
    public static final TlsSetting DEFAULT = new TlsSetting(null, false);

    /** @return a short description for messages, never a secret */
    public String describe() {
        if (insecure) {
            return "insecure (no verification)";
        }
        return caFile == null ? "default trust store" : "custom CA " + caFile;
    }
}
