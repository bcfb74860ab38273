package dev.ifmon.notify.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WeComMarkdownTest {

    @Nested
    class Rendering {

        @Test
        void opensWithTheSummaryAndTheRoundTimeWithItsOffset() {
            String text = WeComMarkdown.markdown().render(Digests.sample());

            List<String> lines = text.lines().toList();
            assertThat(lines.get(0)).isEqualTo("### ifmon 接口监控告警");
            assertThat(lines.get(1)).contains("新增故障 <font color=\"warning\">2</font>",
                    "持续故障 <font color=\"comment\">2</font>", "已恢复 <font color=\"info\">1</font>",
                    "共 60 个接口", "环境 **prod**");
            assertThat(lines.get(2)).isEqualTo("> 本轮时间: 2026-12-04 15:00:00 +08:00 (Asia/Shanghai)");
        }

        @Test
        void groupsFailuresByServiceAndModuleAndShowsTheResponseAsText() {
            String text = WeComMarkdown.markdown().render(Digests.sample());

            assertThat(text).containsSubsequence("### 故障接口 (4)", "#### 服务 user", "**模块 login**",
                    "**用户登录** `POST` http://api.example.invalid/login", "服务器内部错误 (500)",
                    "耗时 1234 ms",
                    "尝试 3 次", "> 请求头: ", "> 请求体: ", "> 响应: HTTP 500",
                    "> 响应体: 500 Internal Server Error NullPointerException", "**模块 order**",
                    "#### 服务 nurse",
                    "### 已恢复 (1)", "#### 服务 admin", "### 配置问题 (1)", "### 提示");
        }

        @Test
        void showsOngoingFailuresWithoutTheExchange() {
            String text = WeComMarkdown.markdown().render(Digests.sample());

            String ongoing = text.substring(text.indexOf("病人列表"), text.indexOf("### 已恢复"));
            assertThat(ongoing).contains("连接被拒绝", "连续 3 轮").doesNotContain("请求头", "响应");
        }

        @Test
        void saysWhenTheMonitorItselfCannotReachItsTargets() {
            Digest digest = Digests.of(List.of(), List.of(), "DNS: every name failed to resolve", List.of());

            String text = WeComMarkdown.markdown().render(digest);

            assertThat(text).contains("### ifmon 接口监控告警", "监控端无法访问目标",
                    "DNS: every name failed to resolve")
                    .doesNotContain("故障接口");
        }

        @Test
        void aServicesFailedAuthenticationReadsAsItsAuthenticationNotAsModuleStar() {
            CheckResult tokenFailure = new CheckResult(EndpointId.serviceAuth("user"), "POST",
                    "http://api.example.invalid/token", Outcome.AUTH_ERROR, "AUTH_FAILED", "token API answered 401",
                    null, Duration.ofMillis(5), 1, Digests.ROUND, null, null, List.of());
            Digest digest = Digests.of(List.of(Digests.alert(AlertKind.NEW, tokenFailure)));

            String text = WeComMarkdown.markdown().render(digest);

            assertThat(text).containsSubsequence("#### 服务 user", "**认证 (token API)**",
                    "**获取令牌** `POST` http://api.example.invalid/token", "认证失败",
                    "token API answered 401")
                    .doesNotContain("模块", "＊", "(auth)");
        }

        @Test
        void markdownV2HasNoColours() {
            assertThat(WeComMarkdown.markdownV2().render(Digests.sample())).doesNotContain("<font")
                    .contains("用户登录");
        }
    }

    @Nested
    class Splitting {

        @Test
        void aDigestThatFitsIsOnePartWithoutANumber() {
            List<String> parts = WeComMarkdown.markdown().parts(Digests.sample(), List.of("a"),
                    WeComMarkdown.Detail.FULL);

            assertThat(parts).singleElement().satisfies(part -> assertThat(part).contains("<@a>")
                    .doesNotContain("(1/1)"));
        }

        @Test
        void everyPartStaysWithinTheLimitAndContinuedGroupsAreNamed() {
            List<String> parts = WeComMarkdown.markdown().withMaxBytes(2000).parts(Digests.outage60(), List.of(),
                    WeComMarkdown.Detail.FULL);

            assertThat(parts).hasSizeGreaterThan(20).allSatisfy(part ->
                    assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2000));
            assertThat(parts.subList(1, parts.size())).allSatisfy(part ->
                    assertThat(part.lines().skip(2).findFirst().orElseThrow()).startsWith("**故障接口 · 服务 "));
        }

        @Test
        void compactDetailLeavesOutRequestsAndResponses() {
            List<String> full = WeComMarkdown.markdown().parts(Digests.outage60(), List.of(),
                    WeComMarkdown.Detail.FULL);
            List<String> compact = WeComMarkdown.markdown().parts(Digests.outage60(), List.of(),
                    WeComMarkdown.Detail.COMPACT);

            assertThat(compact.size()).isLessThan(full.size());
            assertThat(String.join("", compact)).doesNotContain("请求头", "响应体");
        }

        @Test
        void theShortSummaryFitsOneMessageAndSaysWhereTheReportIs() {
            String summary = WeComMarkdown.markdown().withMaxBytes(1024).summary(manyServices(), List.of("oncall"),
                    "完整报告见: /var/lib/ifmon/report.json");

            assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(summary).contains("<@oncall>", "/var/lib/ifmon/report.json", "…另有 ");
        }

        @Test
        void theShortSummaryCountsTheProblemsAndShowsTheFirstErrors() {
            List<Problem> problems = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                problems.add(Problem.warning("pool/svc/w" + i + ".yaml", "unknown key 'x'", ""));
            }
            for (int i = 0; i < 3000; i++) {
                problems.add(Problem.error("pool/svc/doc" + i + ".yaml", "'url' is missing", "add url"));
            }
            Digest digest = Digests.of(List.of(), problems, "", List.of());

            String summary = WeComMarkdown.markdown().withMaxBytes(1024).summary(digest, List.of(),
                    "完整报告见: /var/lib/ifmon/report.json");

            assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(summary).contains(
                    "> 配置问题 <font color=\"warning\">3010</font> (错误 3000 · 警告 10)",
                    "pool/svc/doc0.yaml: 'url' is missing (add url)", "条配置问题，见日志")
                    .doesNotContain("w0.yaml");
        }

        @Test
        void everyFormCarriesTheProblemCountInItsFirstPart() {
            Digest digest = Digests.of(List.of(), List.of(Problem.warning("a.yaml", "unknown key 'metod'", "")), "",
                    List.of());

            List<String> compact = WeComMarkdown.markdownV2().parts(digest, List.of(), WeComMarkdown.Detail.COMPACT);

            assertThat(compact.get(0)).contains("> 配置问题 1 (错误 0 · 警告 1)");
        }

        @Test
        void hugeFieldsAreCutSoEveryPartStillFits() {
            String huge = "超长字段".repeat(3000);
            Digest digest = Digests.of(List.of(Digests.alert(AlertKind.NEW, Digests.http500(huge, huge, huge, huge))));

            List<String> parts = WeComMarkdown.markdown().withMaxBytes(1024).parts(digest, List.of(),
                    WeComMarkdown.Detail.FULL);

            assertThat(parts).allSatisfy(part ->
                    assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024));
            assertThat(String.join("", parts)).contains("超长字段…");
        }

        @Test
        void limitsOutsideTheRobotsRangeAreRefused() {
            assertThatThrownBy(() -> WeComMarkdown.markdown().withMaxBytes(5000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000");
        }

        private Digest manyServices() {
            List<Alert> alerts = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                alerts.add(Digests.alert(AlertKind.NEW, Digests.http500("服务" + i, "m", "接口" + i, "x")));
            }
            return Digests.of(alerts);
        }
    }
}
