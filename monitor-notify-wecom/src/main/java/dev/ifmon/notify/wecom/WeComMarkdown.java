package dev.ifmon.notify.wecom;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Headers;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.notify.wecom.internal.ChineseReasons;
import dev.ifmon.notify.wecom.internal.Text;
import dev.ifmon.notify.wecom.internal.WeComSettings;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Formats a {@link Digest} as WeCom robot markdown, in Chinese, split into numbered parts that each fit the
 * robot's byte limit. Immutable and thread-safe; the demo and README use {@link #render(Digest)} to show a
 * digest as text.
 *
 * <p>Layout: a title with the part number, a summary line (new, ongoing and recovered counts out of the
 * total, and the environment), the round's time in the digest's zone with its offset, the mentions; then a
 * probe-side outage, failing endpoints grouped by service and module (with the request and the response for
 * new failures and reminders), recovered endpoints, problems and notices. Colours use
 * {@code <font color="warning|info|comment">}; {@code markdown_v2} has none.
 *
 * <p>Safety: every text that comes from responses, endpoint docs or config is escaped with {@link #escape}
 * and cut by UTF-8 bytes before it is placed, so it cannot inject markup, mentions or colours. Every line the
 * formatter writes is a complete markdown construct, and parts are cut only between lines, so a split never
 * falls inside a character or a construct.
 */
public final class WeComMarkdown {

    /** How much of each failure to show. */
    public enum Detail {
        /** Status, reason, latency, attempts, and for new failures and reminders the request and response. */
        FULL,
        /** Status, reason, latency and attempts only: used when the full digest would need too many parts. */
        COMPACT
    }

    private static final DateTimeFormatter ROUND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final String NUMBER_PLACEHOLDER = " (99/99)";
    private static final int NAME_BYTES = 200;
    private static final int URL_BYTES = 300;
    private static final int REASON_BYTES = 300;
    private static final int HEADERS_BYTES = 400;
    private static final int REQUEST_BODY_BYTES = 400;
    private static final int RESPONSE_BODY_BYTES = 600;
    private static final int NOTE_BYTES = 500;
    private static final int MENTION_BYTES = 600;
    private static final int MAX_HEADERS = 8;
    private static final int SUMMARY_PROBLEMS = 5;
    private static final int SUMMARY_PROBLEM_BYTES = 240;
    private static final int SUMMARY_RESERVE = 80;

    private final boolean colours;
    private final int maxBytes;

    private WeComMarkdown(boolean colours, int maxBytes) {
        this.colours = colours;
        this.maxBytes = maxBytes;
    }

    /** @return a formatter for {@code markdown} messages: colours, 4096 bytes a part */
    public static WeComMarkdown markdown() {
        return new WeComMarkdown(true, WeComSettings.MARKDOWN_LIMIT);
    }

    /** @return a formatter for {@code markdown_v2} messages: no colours, 4096 bytes a part */
    public static WeComMarkdown markdownV2() {
        return new WeComMarkdown(false, WeComSettings.MARKDOWN_LIMIT);
    }

    /**
     * @param bytes the most UTF-8 bytes a part may take, between 1024 and 4096
     * @return a formatter like this one with that limit
     * @throws IllegalArgumentException when the limit is out of range
     */
    public WeComMarkdown withMaxBytes(int bytes) {
        if (bytes < WeComSettings.MIN_BYTES || bytes > WeComSettings.MARKDOWN_LIMIT) {
            throw new IllegalArgumentException("maxBytes must be between " + WeComSettings.MIN_BYTES + " and "
                    + WeComSettings.MARKDOWN_LIMIT + ", but is " + bytes);
        }
        return new WeComMarkdown(colours, bytes);
    }

    /** @return the most UTF-8 bytes a part may take */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Makes foreign text inert in WeCom markdown: markup characters become full-width look-alikes, line
     * breaks become spaces.
     *
     * @param text any text, may be {@code null}
     * @return the escaped text, on one line
     */
    public static String escape(String text) {
        return Text.escape(text);
    }

    /**
     * Shows a whole digest as one markdown text, without mentions and without a size limit.
     *
     * @param digest the digest
     * @return the markdown
     */
    public String render(Digest digest) {
        List<String> lines = new ArrayList<>(head(digest, List.of(), ""));
        for (Block block : blocks(digest, Detail.FULL)) {
            lines.addAll(block.lines());
        }
        return String.join("\n", lines);
    }

    /**
     * Splits a digest into messages, each at most {@link #maxBytes()} UTF-8 bytes, numbered {@code (k/n)}
     * when there are several. Part 1 holds the summary and the mentions.
     *
     * @param digest the digest
     * @param mentionedUserIds user ids to mention as {@code <@id>} in part 1; ids that are not plain ids
     *     (and {@code @all}, which markdown cannot carry) are left out
     * @param detail how much of each failure to show
     * @return the parts, at least one
     */
    public List<String> parts(Digest digest, List<String> mentionedUserIds, Detail detail) {
        List<List<String>> bodies = pack(digest, blocks(digest, detail), mentionedUserIds);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String number = bodies.size() == 1 ? "" : " (" + (i + 1) + "/" + bodies.size() + ")";
            List<String> lines = new ArrayList<>(i == 0 ? head(digest, mentionedUserIds, number)
                    : continuationHead(digest, number));
            lines.addAll(bodies.get(i));
            parts.add(String.join("\n", lines));
        }
        return parts;
    }

    /**
     * A single message that stands in for a digest too long to send whole: the summary, the mentions,
     * counts per service, and where the full report is.
     *
     * @param digest the digest
     * @param mentionedUserIds user ids to mention
     * @param note why the digest was shortened and where the full report lives; escaped here
     * @return the message, at most {@link #maxBytes()} UTF-8 bytes
     */
    public String summary(Digest digest, List<String> mentionedUserIds, String note) {
        List<String> lines = new ArrayList<>(head(digest, mentionedUserIds, ""));
        if (!digest.probeOutage().isEmpty()) {
            lines.addAll(probeOutage(digest));
        }
        lines.add(colour("warning", "**报告过长，仅发送摘要**"));
        lines.add("> " + Text.escape(note, NOTE_BYTES));
        List<String> problems = firstProblems(digest);
        int room = maxBytes - bytes(lines) - SUMMARY_RESERVE;
        List<String> services = perServiceCounts(digest);
        fill(lines, services, services.size(), problems.isEmpty() ? room : room / 2, " 个服务");
        if (!problems.isEmpty()) {
            int total = digest.problems().size();
            lines.add(problems.size() < total ? "> 配置问题 (前 " + problems.size() + " 条):"
                    : "> 配置问题:");
            fill(lines, problems, total, maxBytes - bytes(lines) - SUMMARY_RESERVE, " 条配置问题，见日志");
        }
        return String.join("\n", lines);
    }

    /** Adds the candidates that fit the budget, then one "…另有 n{what}" line for the rest of all {@code total}. */
    private static void fill(List<String> lines, List<String> candidates, int total, int budget, String what) {
        int used = 0;
        for (int i = 0; i < candidates.size(); i++) {
            int size = Text.utf8Length(candidates.get(i)) + 1;
            if (used + size > budget) {
                lines.add("> …另有 " + (total - i) + what);
                return;
            }
            lines.add(candidates.get(i));
            used += size;
        }
        if (total > candidates.size()) {
            lines.add("> …另有 " + (total - candidates.size()) + what);
        }
    }

    /** The first few problems, errors before warnings, each cut short. */
    private List<String> firstProblems(Digest digest) {
        return digest.problems().stream().sorted(Comparator.comparing(problem -> !problem.isError()))
                .limit(SUMMARY_PROBLEMS).map(problem -> problemLine(problem, SUMMARY_PROBLEM_BYTES)).toList();
    }

    private List<String> perServiceCounts(Digest digest) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Alert alert : digest.alerts()) {
            int[] count = counts.computeIfAbsent(alert.result().id().service(), any -> new int[3]);
            count[bucket(alert.kind())]++;
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((service, count) -> lines.add("> 服务 " + Text.escape(service, NAME_BYTES) + ": 新增 "
                + count[0] + " · 持续 " + count[1] + " · 恢复 " + count[2]));
        return lines;
    }

    private static int bucket(AlertKind kind) {
        return switch (kind) {
            case NEW -> 0;
            case REMINDER, ONGOING -> 1;
            case RECOVERED -> 2;
        };
    }

    private List<String> head(Digest digest, List<String> mentionedUserIds, String number) {
        List<String> lines = new ArrayList<>();
        lines.add("### " + title(digest) + number);
        lines.add(summaryLine(digest));
        lines.add("> 本轮时间: " + ROUND_TIME.format(digest.roundStartedAt().atZoneSameInstant(digest.zone()))
                + " (" + Text.escape(digest.zone().getId(), NAME_BYTES) + ")");
        String outcomes = outcomeLine(digest);
        if (!outcomes.isEmpty()) {
            lines.add(outcomes);
        }
        if (!digest.problems().isEmpty()) {
            lines.add(problemCountLine(digest.problems()));
        }
        String mentions = mentionLine(mentionedUserIds);
        if (!mentions.isEmpty()) {
            lines.add(mentions);
        }
        return lines;
    }

    private List<String> continuationHead(Digest digest, String number) {
        String environment = digest.environment().isEmpty() ? ""
                : " · 环境 " + Text.escape(digest.environment(), NAME_BYTES);
        return List.of("### " + title(digest) + number, "> 本轮时间: "
                + ROUND_TIME.format(digest.roundStartedAt().atZoneSameInstant(digest.zone())) + environment);
    }

    private static String title(Digest digest) {
        boolean alarming = !digest.probeOutage().isEmpty() || !digest.alerts(AlertKind.NEW).isEmpty()
                || !digest.alerts(AlertKind.REMINDER).isEmpty();
        return alarming ? "ifmon 接口监控告警" : "ifmon 接口监控";
    }

    private String summaryLine(Digest digest) {
        int fresh = digest.alerts(AlertKind.NEW).size();
        int ongoing = digest.alerts(AlertKind.REMINDER).size() + digest.alerts(AlertKind.ONGOING).size();
        int recovered = digest.alerts(AlertKind.RECOVERED).size();
        String environment = digest.environment().isEmpty() ? "" : " · 环境 **"
                + Text.escape(digest.environment(), NAME_BYTES) + "**";
        return "新增故障 " + colour("warning", String.valueOf(fresh)) + " · 持续故障 "
                + colour("comment", String.valueOf(ongoing))
                + " · 已恢复 " + colour("info", String.valueOf(recovered))
                + " · 共 " + digest.total() + " 个接口" + environment;
    }

    private static String outcomeLine(Digest digest) {
        Map<Outcome, Integer> sorted = new EnumMap<>(Outcome.class);
        sorted.putAll(digest.summary());
        List<String> parts = new ArrayList<>();
        sorted.forEach((outcome, count) -> {
            if (count != null && count > 0) {
                parts.add(outcomeName(outcome) + " " + count);
            }
        });
        return parts.isEmpty() ? "" : "> 本轮结果: " + String.join(" · ", parts);
    }

    private String problemCountLine(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        String count = colour(errors > 0 ? "warning" : "comment", String.valueOf(problems.size()));
        return "> 配置问题 " + count + " (错误 " + errors + " · 警告 " + (problems.size() - errors) + ")";
    }

    private static String outcomeName(Outcome outcome) {
        return switch (outcome) {
            case OK -> "正常";
            case DEGRADED -> "变慢";
            case HTTP_ERROR -> "HTTP错误";
            case TIMEOUT -> "超时";
            case NETWORK_ERROR -> "网络错误";
            case TLS_ERROR -> "TLS错误";
            case AUTH_ERROR -> "认证失败";
            case ASSERTION_FAILED -> "断言失败";
            case CONFIG_ERROR -> "配置错误";
            case NOT_CHECKED -> "未检查";
        };
    }

    private String mentionLine(List<String> userIds) {
        if (!colours) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        for (String id : userIds) {
            String mention = "<@" + id + ">";
            if (WeComSettings.USER_ID.matcher(id).matches() && !id.equalsIgnoreCase("@all")
                    && Text.utf8Length(line) + Text.utf8Length(mention) + 1 <= MENTION_BYTES) {
                line.append(line.isEmpty() ? "" : " ").append(mention);
            }
        }
        return line.toString();
    }

    private String colour(String name, String markdown) {
        return colours ? "<font color=\"" + name + "\">" + markdown + "</font>" : markdown;
    }

    /**
     * A run of lines kept together when it fits. Its first {@code headings} lines are group headings; when
     * the block opens a new part they are replaced by {@code context}, which names the whole group.
     */
    private record Block(List<String> lines, int headings, String context) {

        List<String> opening() {
            if (context == null) {
                return lines;
            }
            List<String> opening = new ArrayList<>();
            opening.add(headings == 0 ? context + " (续)" : context);
            opening.addAll(lines.subList(headings, lines.size()));
            return opening;
        }
    }

    private List<Block> blocks(Digest digest, Detail detail) {
        List<Block> blocks = new ArrayList<>();
        if (!digest.probeOutage().isEmpty()) {
            blocks.add(new Block(probeOutage(digest), 0, null));
        }
        List<Alert> failing = digest.alerts().stream().filter(a -> a.kind() != AlertKind.RECOVERED).toList();
        grouped(blocks, "故障接口", failing, digest, detail);
        grouped(blocks, "已恢复", digest.alerts(AlertKind.RECOVERED), digest, detail);
        listed(blocks, "### 配置问题 (" + digest.problems().size() + ")",
                digest.problems().stream().map(problem -> problemLine(problem, NOTE_BYTES)).toList());
        listed(blocks, "### 提示", digest.notices().stream().map(n -> "> " + Text.escape(n, NOTE_BYTES)).toList());
        return blocks;
    }

    private List<String> probeOutage(Digest digest) {
        return List.of(colour("warning", "**监控端无法访问目标**"),
                "> 本轮几乎所有接口因同一网络原因失败: "
                        + Text.escape(digest.probeOutage(), NOTE_BYTES),
                "> 这些接口已标记为未检查，本轮不发送逐个接口的故障或恢复；"
                        + "请检查监控主机的网络与域名解析。");
    }

    private void grouped(List<Block> blocks, String section, List<Alert> alerts, Digest digest, Detail detail) {
        if (alerts.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<Alert>>> byService = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            byService.computeIfAbsent(alert.result().id().service(), any -> new LinkedHashMap<>())
                    .computeIfAbsent(alert.result().id().module(), any -> new ArrayList<>()).add(alert);
        }
        List<String> pending = new ArrayList<>(List.of("### " + section + " (" + alerts.size() + ")"));
        for (Map.Entry<String, Map<String, List<Alert>>> service : byService.entrySet()) {
            pending.add("#### 服务 " + Text.escape(service.getKey(), NAME_BYTES));
            for (Map.Entry<String, List<Alert>> module : service.getValue().entrySet()) {
                String context = "**" + section + " · 服务 " + Text.escape(service.getKey(), NAME_BYTES) + " · "
                        + moduleLabel(module.getKey()) + "**";
                pending.add("**" + moduleLabel(module.getKey()) + "**");
                for (Alert alert : module.getValue()) {
                    int headings = pending.size();
                    pending.addAll(alertLines(alert, digest, detail));
                    blocks.add(new Block(List.copyOf(pending), headings, context));
                    pending.clear();
                }
            }
        }
    }

    /** A service's own results (its authentication) are not a module: they read "认证 (token API)". */
    private static String moduleLabel(String module) {
        return EndpointId.SERVICE_MODULE.equals(module) ? "认证 (token API)"
                : "模块 " + Text.escape(module, NAME_BYTES);
    }

    private static String nameLabel(EndpointId id) {
        return id.isServiceAuth() ? "获取令牌" : Text.escape(id.name(), NAME_BYTES);
    }

    private void listed(List<Block> blocks, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        blocks.add(new Block(List.of(heading, lines.get(0)), 1, heading));
        for (String line : lines.subList(1, lines.size())) {
            blocks.add(new Block(List.of(line), 0, heading));
        }
    }

    private String problemLine(Problem problem, int limit) {
        String severity = problem.isError() ? colour("warning", "错误") : colour("comment", "警告");
        String where = problem.source() + (problem.line() > 0 ? ":" + problem.line() : "");
        String hint = problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")";
        return "> " + severity + " " + Text.escape(where + ": " + problem.message() + hint, limit);
    }

    private List<String> alertLines(Alert alert, Digest digest, Detail detail) {
        CheckResult result = alert.result();
        List<String> lines = new ArrayList<>();
        lines.add(label(alert.kind()) + " **" + nameLabel(result.id()) + "** `"
                + Text.escape(result.method(), 20) + "` " + Text.escape(result.url(), URL_BYTES));
        if (alert.kind() == AlertKind.RECOVERED) {
            lines.add("> " + colour("info", "已恢复") + " · 故障自 " + time(alert.failingSince(), digest)
                    + " 起 · 共 " + alert.failedRounds() + " 轮 · 耗时 " + result.latency().toMillis() + " ms");
            return lines;
        }
        lines.add(statusLine(alert, digest));
        if (!result.reason().isEmpty()) {
            lines.add("> 原因: " + Text.escape(result.reason(), REASON_BYTES));
        }
        boolean details = detail == Detail.FULL && alert.kind() != AlertKind.ONGOING;
        if (details && result.request() != null) {
            lines.addAll(requestLines(result.request()));
        }
        if (details && result.response() != null) {
            lines.addAll(responseLines(result.response()));
        }
        return lines;
    }

    private String statusLine(Alert alert, Digest digest) {
        CheckResult result = alert.result();
        String line = "> 状态: " + colour("warning", ChineseReasons.of(result)) + " · 耗时 "
                + result.latency().toMillis() + " ms · 尝试 " + result.attempts() + " 次";
        if (alert.kind() != AlertKind.NEW) {
            line += " · 自 " + time(alert.failingSince(), digest) + " 起连续 " + alert.failedRounds() + " 轮";
        }
        return line;
    }

    private String label(AlertKind kind) {
        return switch (kind) {
            case NEW -> colour("warning", "【新增】");
            case REMINDER -> colour("warning", "【提醒】");
            case ONGOING -> colour("comment", "【持续】");
            case RECOVERED -> colour("info", "【恢复】");
        };
    }

    private static List<String> requestLines(HttpRequestSnapshot request) {
        List<String> lines = new ArrayList<>();
        if (!request.headers().isEmpty()) {
            lines.add("> 请求头: " + headers(request.headers()));
        }
        if (!request.body().isEmpty()) {
            lines.add("> 请求体: " + Text.escape(request.body(), REQUEST_BODY_BYTES));
        }
        return lines;
    }

    private static List<String> responseLines(HttpResponseSnapshot response) {
        List<String> lines = new ArrayList<>();
        String headers = response.headers().isEmpty() ? "" : " · " + headers(response.headers());
        lines.add("> 响应: HTTP " + response.status() + headers);
        if (!response.body().isEmpty()) {
            String contentType = Headers.first(response.headers(), "Content-Type").orElse("");
            String body = Text.looksLikeHtml(response.body(), contentType)
                    ? Text.htmlToText(response.body()) : response.body();
            String cut = response.bodyTruncated()
                    ? " (响应体已截断，共 " + response.bodyBytes() + " 字节)" : "";
            lines.add("> 响应体: " + Text.escape(body, RESPONSE_BODY_BYTES) + cut);
        }
        return lines;
    }

    private static String headers(Map<String, List<String>> headers) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (shown.size() == MAX_HEADERS) {
                shown.add("…");
                break;
            }
            shown.add(header.getKey() + ": " + String.join(", ", header.getValue()));
        }
        return Text.escape(String.join("; ", shown), HEADERS_BYTES);
    }

    private static String time(Instant instant, Digest digest) {
        return SHORT_TIME.format(instant.atZone(digest.zone()));
    }

    private List<List<String>> pack(Digest digest, List<Block> blocks, List<String> mentionedUserIds) {
        int firstBudget = maxBytes - bytes(head(digest, mentionedUserIds, NUMBER_PLACEHOLDER));
        int otherBudget = maxBytes - bytes(continuationHead(digest, NUMBER_PLACEHOLDER));
        Packer packer = new Packer(firstBudget, otherBudget);
        for (Block block : blocks) {
            packer.add(block);
        }
        return packer.parts;
    }

    private static int bytes(List<String> lines) {
        return Text.utf8Length(String.join("\n", lines));
    }

    /**
     * Fills parts with whole lines. A block moves whole to a fresh part when it does not fit the current one
     * but fits a fresh one; a fresh part opens with the block's group context.
     */
    private static final class Packer {

        private final int otherBudget;
        private final List<List<String>> parts = new ArrayList<>();
        private List<String> current = new ArrayList<>();
        private int budget;
        private int used;

        Packer(int firstBudget, int otherBudget) {
            this.budget = firstBudget;
            this.otherBudget = otherBudget;
            parts.add(current);
        }

        void add(Block block) {
            if (used + bytes(block.lines()) + 1 <= budget) {
                append(block.lines());
                return;
            }
            boolean fitsFresh = bytes(block.opening()) + 1 <= otherBudget;
            boolean firstLineFits = used + Text.utf8Length(block.lines().get(0)) + 1 <= budget;
            if (fitsFresh || !firstLineFits) {
                fresh();
                append(block.opening());
                return;
            }
            for (String line : block.lines()) {
                addLine(line, block);
            }
        }

        private void addLine(String line, Block block) {
            String context = block.context() == null ? null : block.context() + " (续)";
            int contextSize = context == null ? 0 : Text.utf8Length(context) + 1;
            String safe = Text.utf8Length(line) + 1 + contextSize > otherBudget
                    ? Text.truncate(Text.escape(line), otherBudget - contextSize - 1) : line;
            if (used + Text.utf8Length(safe) + 1 > budget) {
                fresh();
                if (context != null) {
                    append(List.of(context));
                }
            }
            append(List.of(safe));
        }

        private void fresh() {
            current = new ArrayList<>();
            parts.add(current);
            budget = otherBudget;
            used = 0;
        }

        private void append(List<String> lines) {
            for (String line : lines) {
                if (Text.utf8Length(line) + 1 + used > budget) {
                    fresh();
                }
                current.add(line);
                used += Text.utf8Length(line) + 1;
            }
        }
    }
}
