package dev.ifmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Digest;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.alert.AlertEngine;
import dev.ifmon.core.store.DigestJson;
import dev.ifmon.core.support.MutableClock;
import dev.ifmon.core.support.Rounds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestJsonTest {

    @TempDir
    Path data;

    @Test
    void aDigestSurvivesTheRoundTripWithChineseTextOffsetAndSnapshots() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T01:00:00Z"));
        AlertEngine engine = new AlertEngine(data, Settings.empty(), clock);
        Digest digest = engine.onRound(Rounds.report(clock, List.of(Rounds.http500("user/login/用户登录", clock),
                Rounds.ok("user/login/退出", clock)), List.of(Problem.error("a.json", "坏了", "修一下"))),
                ZoneId.of("Asia/Shanghai"), List.of("通知")).orElseThrow();

        byte[] json = DigestJson.write(digest);
        Digest read = DigestJson.read(json);

        assertThat(read).isEqualTo(digest);
        assertThat(read.roundStartedAt().getOffset()).isEqualTo(digest.roundStartedAt().getOffset());
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("用户登录").contains("+08:00");
    }
}
