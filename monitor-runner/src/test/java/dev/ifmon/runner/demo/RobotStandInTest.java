package dev.ifmon.runner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotStandInTest {

    @Test
    void answersLikeTheRobotApiAndRecordsTheBodyInUtf8() throws IOException, InterruptedException {
        String body = "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"接口告警 <@zhangsan>\"}}";
        try (RobotStandIn robot = RobotStandIn.start(); HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(robot.webhookUrl()))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
            assertThat(robot.received()).containsExactly(body);
            assertThat(robot.webhookUrl()).startsWith("http://127.0.0.1:").endsWith("?key=" + RobotStandIn.KEY);
        }
    }
}
