package dev.ifmon.notify.email.internal;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both mail alternatives show, worked out once: failures first, grouped by service and module, with
 * labels and reasons in Chinese. Immutable and thread-safe.
 *
 * @param digest the digest
 * @param failing the failing alerts (new, reminded, ongoing), grouped by service, then module
 * @param recovered the recovered alerts, grouped the same way
 */
public record DigestView(
        Digest digest,
        Map<String, Map<String, List<Alert>>> failing,
        Map<String, Map<String, List<Alert>>> recovered) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    /**
     * @param digest the digest to show
     * @return its view
     */
    public static DigestView of(Digest digest) {
        List<Alert> failures = digest.alerts().stream().filter(alert -> alert.kind() != AlertKind.RECOVERED)
                .sorted(Comparator.comparingInt(alert -> alert.kind().ordinal())).toList();
        return new DigestView(digest, group(failures), group(digest.alerts(AlertKind.RECOVERED)));
    }

    private static Map<String, Map<String, List<Alert>>> group(List<Alert> alerts) {
        Map<String, Map<String, List<Alert>>> groups = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            groups.computeIfAbsent(alert.result().id().service(), service -> new LinkedHashMap<>())
                    .computeIfAbsent(alert.result().id().module(), module -> new ArrayList<>())
                    .add(alert);
        }
        return groups;
    }

    /** @return the services the digest lists, in order */
    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>(failing.keySet());
        services.addAll(recovered.keySet());
        return services;
    }

    /**
     * @param kind an alert kind
     * @return how many alerts of that kind the digest has
     */
    public int count(AlertKind kind) {
        return digest.alerts(kind).size();
    }

    /** @return how many endpoints are failing: new, reminded and ongoing */
    public int failingCount() {
        return count(AlertKind.NEW) + count(AlertKind.REMINDER) + count(AlertKind.ONGOING);
    }

    /** @return the round's start in the digest's zone, with offset and zone name */
    public String roundTime() {
        return TIME.format(digest.roundStartedAt().atZoneSameInstant(digest.zone())) + " (" + digest.zone() + ")";
    }

    /**
     * @param instant a moment
     * @return the moment in the digest's zone, with offset
     */
    public String time(Instant instant) {
        return TIME.format(ZonedDateTime.ofInstant(instant, digest.zone()));
    }

    /**
     * @param alert an alert
     * @return for a failure, when it began and for how many rounds; for a recovery, when the failure began and
     *     how long it lasted
     */
    public String failingText(Alert alert) {
        String since = time(alert.failingSince());
        if (alert.kind() != AlertKind.RECOVERED) {
            return since + " 起，连续失败 " + alert.failedRounds() + " 轮";
        }
        Duration lasted = Duration.between(alert.failingSince(), alert.result().checkedAt());
        return since + " 起，持续 " + length(lasted.isNegative() ? Duration.ZERO : lasted);
    }

    private static String length(Duration duration) {
        if (duration.toHours() > 0) {
            return duration.toHours() + " 小时 " + duration.toMinutesPart() + " 分钟";
        }
        return Math.max(1, duration.toMinutes()) + " 分钟";
    }

    /** @return the summary line: counts out of the total, and the environment */
    public String summaryLine() {
        String environment = digest.environment().isEmpty() ? "" : "环境 " + digest.environment() + "，";
        return environment + "共 " + digest.total() + " 个接口：新增故障 " + count(AlertKind.NEW)
                + "，提醒 " + count(AlertKind.REMINDER) + "，持续故障 " + count(AlertKind.ONGOING)
                + "，已恢复 " + count(AlertKind.RECOVERED);
    }

    /** @return how many results had each outcome, e.g. {@code OK 56, HTTP_ERROR 3}; {@code ""} when none */
    public String outcomeLine() {
        List<String> parts = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            Integer count = digest.summary().get(outcome);
            if (count != null && count > 0) {
                parts.add(outcome.name() + " " + count);
            }
        }
        return String.join(", ", parts);
    }

    /**
     * @param kind an alert kind
     * @return its label: the stable name and its Chinese meaning
     */
    public static String label(AlertKind kind) {
        return switch (kind) {
            case NEW -> "NEW 新增故障";
            case REMINDER -> "REMINDER 仍未恢复（提醒）";
            case ONGOING -> "ONGOING 持续故障";
            case RECOVERED -> "RECOVERED 已恢复";
        };
    }

    /**
     * @param service a service
     * @param module a module of it, or {@link EndpointId#SERVICE_MODULE} for the service's own results
     * @return {@code service / module}; a service's own results read {@code service / 认证 (token API)}
     */
    public static String where(String service, String module) {
        return service + " / " + (EndpointId.SERVICE_MODULE.equals(module) ? "认证 (token API)" : module);
    }

    /**
     * @param id a result's id
     * @return the endpoint's name; a service's authentication result reads {@code 获取令牌}
     */
    public static String name(EndpointId id) {
        return id.isServiceAuth() ? "获取令牌" : id.name();
    }

    /**
     * @param result a result
     * @return why it failed, in Chinese where the reason code is known, with the status
     */
    public static String reason(CheckResult result) {
        if (!result.reason().isBlank()) {
            return result.reason();
        }
        return Reasons.describe(result);
    }

    /** @return the subject, without prefix */
    public String subject() {
        String environment = digest.environment().isEmpty() ? "" : "[" + digest.environment() + "] ";
        if (!digest.probeOutage().isEmpty()) {
            return environment + "监控机无法访问目标：" + digest.probeOutage();
        }
        List<String> parts = new ArrayList<>();
        addPart(parts, "新增故障", count(AlertKind.NEW));
        addPart(parts, "仍未恢复", count(AlertKind.REMINDER));
        addPart(parts, "持续故障", count(AlertKind.ONGOING));
        addPart(parts, "已恢复", count(AlertKind.RECOVERED));
        if (parts.isEmpty()) {
            return environment + "接口监控通知";
        }
        return environment + "接口监控：" + String.join("，", parts) + firstNewFailure();
    }

    private static void addPart(List<String> parts, String label, int count) {
        if (count > 0) {
            parts.add(label + " " + count);
        }
    }

    private String firstNewFailure() {
        List<Alert> fresh = digest.alerts(AlertKind.NEW);
        if (fresh.size() != 1) {
            return "";
        }
        CheckResult result = fresh.get(0).result();
        return " · " + result.id().service() + "/" + name(result.id()) + " " + reason(result);
    }
}
