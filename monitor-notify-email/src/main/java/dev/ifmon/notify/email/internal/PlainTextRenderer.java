package dev.ifmon.notify.email.internal;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Writes a digest as plain text, the first alternative of the mail. Stateless and thread-safe. */
public final class PlainTextRenderer {

    private static final String RULE = "=".repeat(60);

    private final UnaryOperator<String> clean;
    private final int excerptChars;

    /**
     * @param clean applied to every text taken from the digest, to hide secrets
     * @param excerptChars the most characters of one body to show
     */
    public PlainTextRenderer(UnaryOperator<String> clean, int excerptChars) {
        this.clean = clean;
        this.excerptChars = excerptChars;
    }

    /**
     * @param view the digest to write
     * @return the text, lines ending in {@code \n}
     */
    public String render(DigestView view) {
        StringBuilder out = new StringBuilder();
        header(view, out);
        probeOutage(view, out);
        section(view, "故障 FAILING (" + view.failingCount() + ")", view.failing(), out);
        section(view, "已恢复 RECOVERED (" + view.count(AlertKind.RECOVERED) + ")", view.recovered(), out);
        problems(view.digest().problems(), out);
        notices(view.digest().notices(), out);
        out.append('\n').append("-- ifmon 接口监控\n");
        return out.toString();
    }

    private void header(DigestView view, StringBuilder out) {
        out.append("ifmon 接口监控报告\n").append(RULE).append('\n');
        out.append("轮次时间：").append(view.roundTime()).append('\n');
        out.append(clean.apply(view.summaryLine())).append('\n');
        if (!view.outcomeLine().isEmpty()) {
            out.append("结果统计：").append(view.outcomeLine()).append('\n');
        }
    }

    private void probeOutage(DigestView view, StringBuilder out) {
        String reason = view.digest().probeOutage();
        if (!reason.isEmpty()) {
            out.append('\n').append("!! 监控机无法访问目标 PROBE OUTAGE\n");
            out.append("   ").append(clean.apply(reason)).append('\n');
            out.append("   本轮接口未检查，不发送单个接口的故障或恢复。")
                    .append("请检查监控机的网络与 DNS。\n");
        }
    }

    private void section(DigestView view, String title, Map<String, Map<String, List<Alert>>> groups,
            StringBuilder out) {
        if (groups.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n').append(RULE).append('\n');
        groups.forEach((service, modules) -> modules.forEach((module, alerts) -> {
            out.append("\n[").append(clean.apply(DigestView.where(service, module))).append("]\n");
            alerts.forEach(alert -> alert(view, alert, out));
        }));
    }

    private void alert(DigestView view, Alert alert, StringBuilder out) {
        CheckResult result = alert.result();
        out.append("- ").append(DigestView.label(alert.kind())).append(" · ")
                .append(clean.apply(DigestView.name(result.id())))
                .append('\n');
        out.append("  ").append(result.method()).append(' ').append(clean.apply(result.url())).append('\n');
        out.append(alert.kind() == AlertKind.RECOVERED ? "  现状：" : "  原因：")
                .append(clean.apply(DigestView.reason(result)))
                .append(" · 耗时 ").append(result.latency().toMillis()).append(" ms")
                .append(" · 尝试 ").append(result.attempts()).append(" 次\n");
        out.append("  故障时段：").append(view.failingText(alert)).append('\n');
        result.warnings().forEach(warning -> out.append("  注意：").append(clean.apply(warning)).append('\n'));
        if (result.isFailure()) {
            request(result.request(), out);
            response(result.response(), out);
        }
    }

    private void request(HttpRequestSnapshot request, StringBuilder out) {
        if (request == null) {
            return;
        }
        out.append("  请求 REQUEST:\n");
        indent(request.method() + " " + request.url(), out);
        headers(request.headers(), out);
        body(request.body(), false, out);
    }

    private void response(HttpResponseSnapshot response, StringBuilder out) {
        if (response == null) {
            out.append("  响应 RESPONSE: (无响应)\n");
            return;
        }
        out.append("  响应 RESPONSE:\n");
        indent("HTTP " + response.status(), out);
        headers(response.headers(), out);
        body(response.body(), response.bodyTruncated(), out);
    }

    private void headers(Map<String, List<String>> headers, StringBuilder out) {
        headers.forEach((name, values) -> values.forEach(value -> indent(name + ": " + value, out)));
    }

    private void body(String body, boolean truncatedBefore, StringBuilder out) {
        if (body.isEmpty()) {
            return;
        }
        Excerpt excerpt = Excerpt.of(clean.apply(body), excerptChars, truncatedBefore);
        out.append("    |\n");
        excerpt.text().lines().forEach(line -> indent(line, out));
        if (excerpt.truncated()) {
            indent("……（已截断 truncated）", out);
        }
    }

    private void indent(String line, StringBuilder out) {
        out.append("    | ").append(clean.apply(line)).append('\n');
    }

    private void problems(List<Problem> problems, StringBuilder out) {
        if (problems.isEmpty()) {
            return;
        }
        out.append('\n').append("配置问题 PROBLEMS (").append(problems.size()).append(")\n")
                .append(RULE).append('\n');
        problems.forEach(problem -> out.append("- ").append(clean.apply(problem.format())).append('\n'));
    }

    private void notices(List<String> notices, StringBuilder out) {
        if (notices.isEmpty()) {
            return;
        }
        out.append('\n').append("通知 NOTICES\n").append(RULE).append('\n');
        notices.forEach(notice -> out.append("- ").append(clean.apply(notice)).append('\n'));
    }
}
