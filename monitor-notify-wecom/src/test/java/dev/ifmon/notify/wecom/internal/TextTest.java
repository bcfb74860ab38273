package dev.ifmon.notify.wecom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @Nested
    class Escaping {

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", value = {
            "<@all> => ＜@all＞",
            "<font color=\"info\">x</font> => ＜font color=\"info\"＞x＜/font＞",
            "`code` => ｀code｀",
            "**bold** => ＊＊bold＊＊",
            "[link](http://x.invalid) => ［link］(http://x.invalid)",
            "&lt;@all&gt; => ＆lt;@all＆gt;",
            "a & b => a & b",
            "~~gone~~ => ～～gone～～"})
        void replacesMarkupWithLookAlikes(String raw, String escaped) {
            assertThat(Text.escape(raw)).isEqualTo(escaped);
        }

        @Test
        void foldsLineBreaksAndDropsControlCharacters() {
            assertThat(Text.escape("# 标题\r\n> 引用\u0000\u200b\u2028- 列表"))
                    .isEqualTo("# 标题 ＞ 引用 - 列表");
        }

        @Test
        void acceptsNull() {
            assertThat(Text.escape(null)).isEmpty();
        }
    }

    @Nested
    class Truncating {

        @ParameterizedTest
        @ValueSource(ints = {4, 5, 6, 7, 10, 27})
        void cutsBetweenCodePointsWithinTheByteBudget(int maxBytes) {
            String text = "接口😀名称abc不存在";

            String cut = Text.truncate(text, maxBytes);

            assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
            assertThat(cut).endsWith(Text.ELLIPSIS).doesNotContain("\uFFFD");
            assertThat(text).startsWith(cut.substring(0, cut.length() - 1));
            assertThat(Character.isHighSurrogate(cut.charAt(Math.max(0, cut.length() - 2)))).isFalse();
        }

        @Test
        void leavesTextThatFitsAlone() {
            assertThat(Text.truncate("服务不可用", 15)).isEqualTo("服务不可用");
        }

        @Test
        void countsUtf8BytesLikeTheEncoder() {
            String text = "a é 中 😀";

            assertThat(Text.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Nested
    class Html {

        @Test
        void reducesAPageToItsText() {
            String page = "<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head>"
                    + "<body><script>alert(1)</script><h1>服务不可用</h1>"
                    + "<!-- c --><p>稍后&nbsp;重试 &amp; 联系</p></body></html>";

            assertThat(Text.htmlToText(page)).isEqualTo("服务不可用 稍后 重试 & 联系");
        }

        @Test
        void recognisesHtmlByContentTypeOrDoctype() {
            assertThat(Text.looksLikeHtml("x", "text/html; charset=utf-8")).isTrue();
            assertThat(Text.looksLikeHtml("  <!doctype html><p>", "")).isTrue();
            assertThat(Text.looksLikeHtml("{\"a\":\"<b>\"}", "application/json")).isFalse();
        }
    }

    @Nested
    class WebhookKeyMasking {

        @Test
        void hidesTheKeyInUrlsAndWhereverElseItAppears() {
            String url = "https://robot.example.invalid/cgi-bin/webhook/send?key=abcd-1234-efgh";

            String masked = WebhookKeys.mask("failed " + url + " (key abcd-1234-efgh)", url);

            assertThat(masked)
                    .isEqualTo("failed https://robot.example.invalid/cgi-bin/webhook/send?****** (key ******)");
        }

        @Test
        void showsNothingOfTheUrlBeyondItsPath() {
            assertThat(WebhookKeys.maskUrl("https://u:pw@h.invalid:8443/send?kye=SECRET777&x=1#frag"))
                    .isEqualTo("https://h.invalid:8443/send?******");
            assertThat(WebhookKeys.maskUrl("https://h.invalid/send")).isEqualTo("https://h.invalid/send");
            assertThat(WebhookKeys.maskUrl("bare-key-0123456789abcdef")).isEqualTo(WebhookKeys.NOT_A_URL);
            assertThat(WebhookKeys.maskUrl("https://h.invalid/a b?key=SECRET777")).isEqualTo(WebhookKeys.NOT_A_URL);
        }

        @Test
        void hidesAValueThatIsNotAUrlAndAMisspelledQueryInAText() {
            assertThat(WebhookKeys.mask("unsupported URI bare-key-0123456789abcdef", "bare-key-0123456789abcdef"))
                    .isEqualTo("unsupported URI ******");
            assertThat(WebhookKeys.mask("sent to /send?kye=SECRET777 twice", "https://h.invalid/send?kye=SECRET777"))
                    .isEqualTo("sent to /send?****** twice");
        }

        @Test
        void aKeyValueEndsWhereProseGoesOn() {
            assertThat(WebhookKeys.mask("from http://h/send?key=abcd1234: invalid; use (https://<host>/send?key=...),"
                    + " not just the key", "")).isEqualTo("from http://h/send?key=******: invalid; use "
                    + "(https://<host>/send?key=...), not just the key");
        }

        @Test
        void readsTheKeyParameter() {
            assertThat(WebhookKeys.keyOf("http://h.invalid/send?debug=1&key=k-1#frag")).isEqualTo("k-1");
            assertThat(WebhookKeys.keyOf("http://h.invalid/send")).isEmpty();
        }
    }
}
