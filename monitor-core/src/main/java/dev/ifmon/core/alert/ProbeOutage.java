package dev.ifmon.core.alert;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises a probe-side outage: nearly every checked endpoint failed with the same network reason, so
 * the monitor host, not the targets, has lost its DNS or network. Stateless and thread-safe.
 */
final class ProbeOutage {

    private static final Set<String> NETWORK_REASONS = Set.of("DNS", "REFUSED", "RESET", "UNREACHABLE",
            "NO_ROUTE", "CONNECT_TIMEOUT", "PROXY");
    private static final Map<String, String> LABELS = Map.of(
            "DNS", "域名解析失败",
            "REFUSED", "连接被拒绝",
            "RESET", "连接被重置",
            "UNREACHABLE", "网络不可达",
            "NO_ROUTE", "网络不可达",
            "CONNECT_TIMEOUT", "连接超时");

    private ProbeOutage() {
    }

    /**
     * @param results a round's results
     * @param settings the thresholds
     * @return the outage, or empty when the round does not look like one
     */
    static Optional<Found> detect(List<CheckResult> results, AlertSettings settings) {
        List<CheckResult> checked = results.stream().filter(ProbeOutage::checked).toList();
        if (checked.size() < settings.probeOutageMinEndpoints()) {
            return Optional.empty();
        }

        Map<String, Long> byReason = checked.stream().filter(ProbeOutage::networkFailure)
                .collect(Collectors.groupingBy(ProbeOutage::reasonOf, Collectors.counting()));
        Optional<Map.Entry<String, Long>> top = byReason.entrySet().stream().max(Map.Entry.comparingByValue());

        return top.filter(entry -> entry.getValue() >= settings.probeOutageRatio() * checked.size())
                .map(entry -> new Found(entry.getKey(), entry.getValue().intValue(), checked.size()));
    }

    /**
     * @param result a result
     * @return whether it changes alert state: it was checked (not skipped, not misconfigured)
     */
    static boolean checked(CheckResult result) {
        return result.outcome() != Outcome.NOT_CHECKED && result.outcome() != Outcome.CONFIG_ERROR;
    }

    static String reasonOf(CheckResult result) {
        return result.reasonCode().isEmpty() ? result.outcome().name() : result.reasonCode();
    }

    private static boolean networkFailure(CheckResult result) {
        return result.isFailure() && (result.outcome() == Outcome.NETWORK_ERROR
                || result.outcome() == Outcome.TIMEOUT || NETWORK_REASONS.contains(result.reasonCode()));
    }

    /**
     * A detected outage.
     *
     * @param reasonCode the shared reason, e.g. {@code DNS}
     * @param failed how many endpoints failed with it
     * @param checked how many endpoints were checked
     */
    record Found(String reasonCode, int failed, int checked) {

        /** @return the sentence people read, in Chinese, naming the reason and the counts */
        String describe() {
            String fallback = reasonCode.startsWith("TIMEOUT") ? "请求超时" : "网络错误";
            String label = LABELS.getOrDefault(reasonCode, fallback);
            return "监控主机无法访问目标：本轮 " + failed + "/" + checked
                    + " 个接口因同一网络原因失败（" + label + "，" + reasonCode
                    + "）。多半是监控主机自身的网络或 DNS 故障，请先检查监控主机；"
                    + "这些接口本轮记为未检查，不单独告警。";
        }
    }
}
