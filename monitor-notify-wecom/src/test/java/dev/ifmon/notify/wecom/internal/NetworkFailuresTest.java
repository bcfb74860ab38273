package dev.ifmon.notify.wecom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {

    private static final URI ROBOT = URI.create("https://robot.invalid/cgi-bin/webhook/send?key=secret");

    @Test
    void anUnresolvedNameIsDns() {
        IOException error = new ConnectException();
        error.initCause(new UnresolvedAddressException());

        assertThat(NetworkFailures.explain(error, ROBOT)).isEqualTo("cannot resolve host name robot.invalid (DNS)");
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        IOException error = new ConnectException();
        error.initCause(new ConnectException("Connection refused"));

        assertThat(NetworkFailures.explain(error, URI.create("http://127.0.0.1:1/send?key=secret")))
                .isEqualTo("connection to 127.0.0.1:1 refused");
    }

    @Test
    void aTimeoutAndAFailedHandshakeAreNamed() {
        assertThat(NetworkFailures.explain(new IOException("outer", new SocketTimeoutException("timed out")), ROBOT))
                .isEqualTo("connection to robot.invalid:443 timed out");
        assertThat(NetworkFailures.explain(new SSLHandshakeException("PKIX path building failed"), ROBOT))
                .isEqualTo("TLS handshake with robot.invalid:443 failed: PKIX path building failed");
    }

    @Test
    void aResetAndAnythingElseSayWhatHappenedWithoutTheKey() {
        assertThat(NetworkFailures.explain(new IOException("Connection reset"), ROBOT))
                .isEqualTo("connection to robot.invalid:443 reset or closed before an answer");
        assertThat(NetworkFailures.explain(new IOException("odd"), ROBOT))
                .isEqualTo("request to robot.invalid:443 failed: odd").doesNotContain("secret");
    }
}
