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

/**
 * Writes a digest as HTML, the preferred alternative of the mail: a summary, one table of every listed
 * endpoint (failures first), then the request and response of each failure. Styles are inline, as many mail
 * clients drop style sheets. Every text from the digest is escaped. Stateless and thread-safe.
 */
public final class HtmlRenderer {

    private static final String CELL = "<td style=\"border:1px solid #ddd;padding:4px 8px;vertical-align:top\">";
    private static final String HEAD = "<th style=\"border:1px solid #ddd;padding:4px 8px;background:#f3f3f3;"
            + "text-align:left\">";
    private static final String PRE = "<pre style=\"background:#f7f7f7;border:1px solid #e1e1e1;padding:8px;"
            + "white-space:pre-wrap;word-break:break-all;font-size:12px\">";

    private final UnaryOperator<String> clean;
    private final int excerptChars;

    /**
     * @param clean applied to every text taken from the digest, to hide secrets
     * @param excerptChars the most characters of one body to show
     */
    public HtmlRenderer(UnaryOperator<String> clean, int excerptChars) {
        this.clean = clean;
        this.excerptChars = excerptChars;
    }

    /**
     * @param view the digest to write
     * @return a complete HTML document
     */
    public String render(DigestView view) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>")
                .append(text(view.subject())).append("</title></head>\n")
                .append("<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"
                        + "font-size:14px;color:#222\">\n");
        summary(view, out);
        probeOutage(view, out);
        table(view, out);
        details(view, out);
        problems(view.digest().problems(), out);
        notices(view.digest().notices(), out);
        out.append("<p style=\"color:#888;font-size:12px\">ifmon 接口监控</p>\n</body></html>\n");
        return out.toString();
    }

    private void summary(DigestView view, StringBuilder out) {
        out.append("<h2 style=\"margin:0 0 8px\">ifmon 接口监控报告</h2>\n");
        out.append("<p>轮次时间：").append(text(view.roundTime())).append("<br>\n")
                .append(text(view.summaryLine()));
        if (!view.outcomeLine().isEmpty()) {
            out.append("<br>\n结果统计：").append(text(view.outcomeLine()));
        }
        out.append("</p>\n");
    }

    private void probeOutage(DigestView view, StringBuilder out) {
        String reason = view.digest().probeOutage();
        if (!reason.isEmpty()) {
            out.append("<div style=\"border-left:4px solid #d93025;padding:8px;background:#fdecea\">")
                    .append("<b>监控机无法访问目标 (probe outage)</b><br>\n").append(text(reason))
                    .append("<br>\n本轮接口未检查，不发送单个接口的故障或恢复。")
                    .append("请检查监控机的网络与 DNS。</div>\n");
        }
    }

    private void table(DigestView view, StringBuilder out) {
        if (view.failing().isEmpty() && view.recovered().isEmpty()) {
            return;
        }
        out.append("<table style=\"border-collapse:collapse;margin:12px 0\">\n<tr>");
        List<String> titles = List.of("状态", "服务 / 模块", "接口", "请求", "原因 / 现状",
                "耗时", "尝试", "故障时段");
        for (String title : titles) {
            out.append(HEAD).append(title).append("</th>");
        }
        out.append("</tr>\n");
        rows(view, view.failing(), out);
        rows(view, view.recovered(), out);
        out.append("</table>\n");
    }

    private void rows(DigestView view, Map<String, Map<String, List<Alert>>> groups, StringBuilder out) {
        groups.forEach((service, modules) -> modules.forEach((module, alerts) -> alerts.forEach(alert -> {
            CheckResult result = alert.result();
            out.append("<tr>").append(CELL).append(badge(alert.kind())).append("</td>")
                    .append(CELL).append(text(DigestView.where(service, module))).append("</td>")
                    .append(CELL).append(text(DigestView.name(result.id()))).append("</td>")
                    .append(CELL).append(text(result.method())).append(' ').append(text(result.url())).append("</td>")
                    .append(CELL).append(text(DigestView.reason(result))).append("</td>")
                    .append(CELL).append(result.latency().toMillis()).append(" ms</td>")
                    .append(CELL).append(result.attempts()).append("</td>")
                    .append(CELL).append(text(view.failingText(alert))).append("</td></tr>\n");
        })));
    }

    private static String badge(AlertKind kind) {
        String colour = switch (kind) {
            case NEW -> "#d93025";
            case REMINDER -> "#e8710a";
            case ONGOING -> "#b06000";
            case RECOVERED -> "#188038";
        };
        return "<b style=\"color:" + colour + "\">" + Html.escape(DigestView.label(kind)) + "</b>";
    }

    private void details(DigestView view, StringBuilder out) {
        if (view.failing().isEmpty()) {
            return;
        }
        out.append("<h3>故障详情</h3>\n");
        view.failing().forEach((service, modules) -> modules.forEach((module, alerts) -> alerts.forEach(alert -> {
            CheckResult result = alert.result();
            out.append("<h4 style=\"margin:16px 0 4px\">").append(text(DigestView.where(service, module) + " / "
                    + DigestView.name(result.id()))).append(" — ").append(text(DigestView.reason(result)))
                    .append("</h4>\n");
            result.warnings().forEach(warning -> out.append("<p>注意：").append(text(warning)).append("</p>\n"));
            request(result.request(), out);
            response(result.response(), out);
        })));
    }

    private void request(HttpRequestSnapshot request, StringBuilder out) {
        if (request == null) {
            return;
        }
        StringBuilder raw = new StringBuilder(request.method()).append(' ').append(request.url()).append('\n');
        headers(request.headers(), raw);
        out.append("<p style=\"margin:4px 0\">请求 Request</p>\n").append(PRE).append(text(raw.toString()));
        body(request.body(), false, out);
        out.append("</pre>\n");
    }

    private void response(HttpResponseSnapshot response, StringBuilder out) {
        if (response == null) {
            out.append("<p style=\"margin:4px 0\">响应 Response：无响应</p>\n");
            return;
        }
        StringBuilder raw = new StringBuilder("HTTP ").append(response.status()).append('\n');
        headers(response.headers(), raw);
        out.append("<p style=\"margin:4px 0\">响应 Response</p>\n").append(PRE).append(text(raw.toString()));
        body(response.body(), response.bodyTruncated(), out);
        out.append("</pre>\n");
    }

    private static void headers(Map<String, List<String>> headers, StringBuilder raw) {
        headers.forEach((name, values) -> values.forEach(value -> raw.append(name).append(": ").append(value)
                .append('\n')));
    }

    private void body(String body, boolean truncatedBefore, StringBuilder out) {
        if (body.isEmpty()) {
            return;
        }
        Excerpt excerpt = Excerpt.of(clean.apply(body), excerptChars, truncatedBefore);
        out.append('\n').append(text(excerpt.text()));
        if (excerpt.truncated()) {
            out.append("\n……（已截断 truncated）");
        }
    }

    private void problems(List<Problem> problems, StringBuilder out) {
        if (problems.isEmpty()) {
            return;
        }
        out.append("<h3>配置问题</h3>\n<ul>\n");
        problems.forEach(problem -> out.append("<li>").append(text(problem.format())).append("</li>\n"));
        out.append("</ul>\n");
    }

    private void notices(List<String> notices, StringBuilder out) {
        if (notices.isEmpty()) {
            return;
        }
        out.append("<h3>通知</h3>\n<ul>\n");
        notices.forEach(notice -> out.append("<li>").append(text(notice)).append("</li>\n"));
        out.append("</ul>\n");
    }

    private String text(String raw) {
        return Html.escape(clean.apply(raw));
    }
}
