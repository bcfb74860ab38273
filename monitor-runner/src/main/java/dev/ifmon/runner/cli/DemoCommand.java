package dev.ifmon.runner.cli;

import dev.ifmon.api.IfmonException;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.runner.demo.DemoApiServer;
import dev.ifmon.runner.demo.DemoCatalog;
import dev.ifmon.runner.demo.PlainHttpPort;
import dev.ifmon.runner.demo.RobotStandIn;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ifmon demo}: copies the bundled example to a temporary folder, starts the demo API and a WeCom robot
 * stand-in on loopback, runs one round against them, prints the summary and the messages the robot received.
 * Needs no network beyond loopback.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run one round on the bundled example against a local demo API and a WeCom robot stand-in.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all endpoints OK (never, the demo has failing endpoints)", "1:some endpoint failed",
            "2:the demo could not start"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the round's JSON report here.")
    Path reportJson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path folder = Files.createTempDirectory("ifmon-demo-");
        try (DemoApiServer api = DemoApiServer.start(); RobotStandIn robot = RobotStandIn.start();
                PlainHttpPort plain = PlainHttpPort.start()) {
            Path config = DemoCatalog.extract(folder, Map.of("DEMO_BASE_URL", api.baseUrl(),
                    "DEMO_ROBOT_URL", robot.webhookUrl(), "DEMO_CLOSED_PORT", String.valueOf(closedPort()),
                    "DEMO_TLS_BASE_URL", "https://127.0.0.1:" + plain.port()));
            PrintWriter out = spec.commandLine().getOut();
            out.println("ifmon demo: demo API at " + api.baseUrl() + ", WeCom robot stand-in at "
                    + robot.webhookUrl().replace(RobotStandIn.KEY, "******"));
            out.println("ifmon demo: the bundled catalog is copied to " + folder + " for this run only");
            out.flush();
            int code = runRound(config, out);
            printMessages(out, robot.received());
            return code;
        } catch (IfmonException e) {
            spec.commandLine().getErr().println("ifmon: " + e.getMessage());
            return ExitCodes.CONFIG_OR_USAGE;
        } finally {
            deleteTree(folder);
        }
    }

    private int runRound(Path config, PrintWriter out) {
        ChannelInspector channels = ChannelInspector.inspect(config, null);
        RoundPresenter presenter = new RoundPresenter(out, channels, reportJson);
        try (Monitor monitor = Monitor.builder().config(config).discoverPlugins(true)
                .channelBlocks(ChannelInspector.MODULES.keySet()).build()) {
            RoundOutcome round = presenter.present(monitor.runOnce());
            return ExitCodes.forRound(round);
        }
    }

    /**
     * Prints what the robot stand-in received: each message's type and text.
     *
     * @param out where to print
     * @param bodies the JSON bodies the stand-in recorded
     */
    static void printMessages(PrintWriter out, List<String> bodies) {
        out.println();
        out.println("The WeCom robot stand-in received " + Plural.of(bodies.size(), "message") + ".");
        for (int index = 0; index < bodies.size(); index++) {
            JsonNode message = JsonMapper.builder().build().readTree(bodies.get(index));
            String type = message.path("msgtype").asString("?");
            out.println("----- message " + (index + 1) + " of " + bodies.size() + " (" + type + ") -----");
            out.println(message.path(type).path("content").asString(bodies.get(index)));
        }
        out.flush();
    }

    /** @return a loopback port that was just free: bound, then closed, so a connection is refused */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Makes sure no name lookup of the demo leaves the machine: when {@code jdk.net.hosts.file} is not set,
     * points it at a file that knows only {@code localhost}. Call before anything resolves a name.
     *
     * @throws IOException when the file cannot be written
     */
    public static void isolateNameResolution() throws IOException {
        if (System.getProperty("jdk.net.hosts.file") == null) {
            Path hosts = Files.createTempFile("ifmon-demo-hosts", ".txt");
            hosts.toFile().deleteOnExit();
            Files.writeString(hosts, "127.0.0.1 localhost\n::1 localhost\n");
            System.setProperty("jdk.net.hosts.file", hosts.toString());
        }
    }
}
