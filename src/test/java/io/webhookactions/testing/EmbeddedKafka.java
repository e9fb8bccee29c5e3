package io.webhookactions.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one) inside the test JVM: no
 * ZooKeeper, no Docker, no other process. It binds 127.0.0.1 only, on free ports. Starting one takes 1 to 12 s on a
 * loaded machine, so the test JVM shares a single broker ({@link #shared()}); each test uses topics and consumer
 * groups of its own.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static EmbeddedKafka shared;

    private final KafkaRaftServer server;
    private final Path baseDir;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, Path baseDir, String bootstrapServers) {
        this.server = server;
        this.baseDir = baseDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedKafka shared() throws Exception {
        if (shared == null) {
            shared = start();
            EmbeddedKafka broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (IOException e) {
                    // the JVM is going away; a temporary folder left behind is all that can happen
                }
            }, "embedded-kafka-stop"));
        }
        return shared;
    }

    /** Starts a broker; retries when a port picked as free was taken in the meantime. */
    public static EmbeddedKafka start() throws Exception {
        // A fatal broker fault calls Exit.exit/halt: it must fail the test, not end the surefire JVM.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka called exit(" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka called halt(" + code + "): " + message);
        });
        Exception last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return tryStart();
            } catch (Exception e) {
                if (!hasCause(e, BindException.class)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedKafka tryStart() throws Exception {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path baseDir = Files.createTempDirectory("kafka-kraft-");
        try {
            return startIn(baseDir, brokerPort, controllerPort);
        } catch (Exception | Error e) {
            deleteRecursively(baseDir);
            throw e;
        }
    }

    private static EmbeddedKafka startIn(Path baseDir, int brokerPort, int controllerPort) throws Exception {
        String logDir = baseDir.resolve("data").toString();
        Map<String, Object> properties = new HashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDir);
        // One node: every internal topic has replication factor 1.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        // A group forms at once instead of waiting 3 s for more members.
        properties.put("group.initial.rebalance.delay.ms", "0");
        // Lets a test give its consumers a session of a second or two, so a killed member is noticed quickly.
        properties.put("group.min.session.timeout.ms", "500");
        properties.put("auto.create.topics.enable", "true");
        properties.put("num.partitions", "1");
        // Light on a 2-core machine.
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("background.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");
        properties.put("log.cleaner.dedupe.buffer.size", "2097152");
        properties.put("log.cleaner.threads", "1");
        KafkaConfig config = new KafkaConfig(properties, false);

        // What `kafka-storage.sh format -t <uuid> -c server.properties` does.
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir))
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        String bootstrap = HOST + ":" + brokerPort;
        try {
            server.startup();
            awaitReady(bootstrap, Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            stop(server);
            throw e;
        }
        return new EmbeddedKafka(server, baseDir, bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates a topic with {@code partitions} partitions, replication factor 1. */
    public void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic-level settings, e.g. {@code max.message.bytes}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** An admin client of this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @Override
    public void close() throws IOException {
        stop(server);
        deleteRecursively(baseDir);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void awaitReady(String bootstrap, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes < 1) {
                throw new IllegalStateException("Kafka broker at " + bootstrap + " reports no nodes");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static boolean hasCause(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
