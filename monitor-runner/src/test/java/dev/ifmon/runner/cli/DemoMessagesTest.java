package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoMessagesTest {

    @Test
    void printsTheContentOfEachMessageTheRobotReceivedWithItsType() {
        StringWriter text = new StringWriter();

        DemoCommand.printMessages(new PrintWriter(text), List.of(
                "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"## 接口告警\\n> 订单详情 500\"}}",
                "{\"msgtype\":\"text\",\"text\":{\"content\":\"请处理\",\"mentioned_list\":[\"@all\"]}}"));

        assertThat(text.toString()).contains("received 2 messages.", "----- message 1 of 2 (markdown) -----",
                "## 接口告警\n> 订单详情 500", "----- message 2 of 2 (text) -----", "请处理");
    }
}
