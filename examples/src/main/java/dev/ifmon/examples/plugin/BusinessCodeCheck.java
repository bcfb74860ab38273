package dev.ifmon.examples.plugin;

import dev.ifmon.api.Check;
import dev.ifmon.api.Exchange;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example plug-in check, type {@code business-code}: many APIs answer HTTP 200 and put their real
 * result in a JSON field such as {@code {"code": 0, "msg": "ok"}}. This check fails the endpoint when that
 * field is not one of the accepted codes, and quotes the message field in the reason.
 *
 * <p>Options, written under {@code expect.checks}: {@code field} (default {@code code}), {@code ok}
 * (accepted codes, default {@code [0]}), {@code message_field} (default {@code msg}).
 *
 * <p>Known limitation: it reads top-level fields only, with a regex, to stay free of any JSON library; a
 * real plug-in would parse the body. Stateless and thread-safe.
 */
public final class BusinessCodeCheck implements Check {

    @Override
    public String type() {
        return "business-code";
    }

    @Override
    public List<Problem> validate(Settings settings) {
        if (settings.strings("ok").isEmpty() && settings.has("ok")) {
            return List.of(Problem.error(settings.origin(), "'ok' lists no accepted code", "write e.g. ok: [0]"));
        }
        return List.of();
    }

    @Override
    public Verdict evaluate(Exchange exchange, Settings settings) {
        String field = settings.string("field", "code");
        List<String> accepted = settings.has("ok") ? settings.strings("ok") : List.of("0");
        String body = exchange.response().body();

        String code = topLevelValue(body, field);
        if (code == null) {
            return Verdict.fail("business code field '" + field + "' is missing from the response");
        }
        if (accepted.contains(code)) {
            return Verdict.pass();
        }

        String message = topLevelValue(body, settings.string("message_field", "msg"));
        return Verdict.fail("business code " + code + (message == null ? "" : " (" + message + ")")
                + ", accepted: " + accepted);
    }

    private static String topLevelValue(String body, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.]+))")
                .matcher(body);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }
}
