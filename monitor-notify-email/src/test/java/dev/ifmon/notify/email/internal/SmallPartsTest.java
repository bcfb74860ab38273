package dev.ifmon.notify.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallPartsTest {

    @Nested
    class Suggestions {

        @ParameterizedTest(name = "{0} suggests {1}")
        @CsvSource({"hots, host", "pasword, password", "read-timeout, read_timeout", "secure, security",
                "trust, trust_hosts"})
        void aMisspeltKeySuggestsTheKnownOne(String written, String expected) {
            assertThat(dev.ifmon.api.Suggestions.closest(written, EmailConfig.KEYS)).contains(expected);
        }

        @Test
        void somethingUnlikeAnyKeySuggestsNothing() {
            assertThat(dev.ifmon.api.Suggestions.closest("webhook_url", Set.of("host", "port"))).isEmpty();
        }
    }

    @Nested
    class Excerpts {

        @Test
        void aLongBodyIsCutAndMarked() {
            Excerpt excerpt = Excerpt.of("x".repeat(150), 100, false);

            assertThat(excerpt.text()).hasSize(100);
            assertThat(excerpt.truncated()).isTrue();
        }

        @Test
        void aCutNeverSplitsASurrogatePair() {
            String body = "a".repeat(99) + "😀" + "b";

            assertThat(Excerpt.of(body, 100, false).text()).isEqualTo("a".repeat(99));
        }

        @Test
        void aBodyTheCoreAlreadyCutStaysMarked() {
            assertThat(Excerpt.of("短", 100, true).truncated()).isTrue();
        }
    }

    @Nested
    class Escaping {

        @Test
        void markupQuotesAndControlCharactersCannotBreakTheHtml() {
            assertThat(Html.escape("<a href=\"x\">'&'</a>\u0000\n中文"))
                    .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\n中文");
        }
    }

    @Nested
    class Scrubbing {

        @Test
        void hidesThePasswordAndItsBase64FormsUsedBySmtpAuth() {
            SecretScrubber scrubber = SecretScrubber.forLogin("monitor@example.test", "Auth-Code-1");

            assertThat(scrubber.apply("pw Auth-Code-1, plain AG1vbml0b3JAZXhhbXBsZS50ZXN0AEF1dGgtQ29kZS0x, "
                    + "login QXV0aC1Db2RlLTE="))
                    .isEqualTo("pw ******, plain ******, login ******");
        }

        @Test
        void aVeryShortPasswordIsNotSearchedFor() {
            assertThat(SecretScrubber.forLogin("u", "abc").apply("abc")).isEqualTo("abc");
        }
    }
}
