package io.webhookactions.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SPEC §12: a Camel host that depends on the library gets no HTTP server, no Prometheus registry, no command-line
 * parser, no logging backend (and no Spring, no BouncyCastle, no Kafka); the service's extras are optional dependencies. Reads
 * the tree the build writes ({@code target/dependency-tree.txt}, verbose, from maven-dependency-plugin) and the
 * optional dependencies declared in {@code pom.xml}.
 */
class LibraryDependenciesTest {

    /** What a host must never get from the library. */
    static final Pattern BANNED = Pattern.compile(String.join("|",
            "io\\.vertx:.*", "io\\.netty:.*", "org\\.apache\\.camel:camel-platform-http.*", "org\\.apache\\.camel:camel-micrometer.*",
            "io\\.micrometer:micrometer-registry-.*", "io\\.prometheus:.*", "info\\.picocli:.*", "ch\\.qos\\.logback:.*",
            "org\\.apache\\.logging\\.log4j:log4j-core", "org\\.slf4j:slf4j-(simple|reload4j|jdk14)", "org\\.springframework.*:.*",
            "org\\.bouncycastle:.*", "org\\.eclipse\\.jetty:.*", "io\\.undertow:.*", "org\\.apache\\.tomcat.*:.*",
            // serve's Kafka mode: a host that wants Kafka brings its own camel-kafka.
            "org\\.apache\\.camel:camel-kafka", "org\\.apache\\.kafka:.*"));

    @Test
    void hostGetsNoServerRegistryCliParserOrLoggingBackend() throws Exception {
        DependencyTree tree = DependencyTree.parse(Files.readAllLines(Path.of("target/dependency-tree.txt")));

        Set<String> host = tree.reachedExcept(optionalDependencies());

        assertThat(host).as("the library itself is there").contains("org.apache.camel:camel-http", "io.micrometer:micrometer-core");
        assertThat(host.stream().filter(key -> BANNED.matcher(key).matches())).as("banned for a host").isEmpty();
    }

    /**
     * A logging configuration at the root of the library jar (or code that installs a filter) would be picked up by
     * a host's logging too: the command line's configuration lives under io/webhookactions/ and is named only by
     * the command line itself.
     */
    @Test
    void libraryShipsNoLoggingConfigurationAndInstallsNoLoggingFilter() throws Exception {
        for (String name : List.of("logback.xml", "logback-test.xml", "logback.groovy", "log4j2.xml", "log4j2.properties",
                "log4j.properties", "simplelogger.properties", "logging.properties")) {
            assertThat(Path.of("target/classes", name)).as("found by a host's logging backend").doesNotExist();
        }
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            List<Path> touchingLogback = sources.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                try {
                    return Files.readString(file).contains("ch.qos.logback");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(touchingLogback).as("library code that configures logback (JVM-wide)").isEmpty();
        }
    }

    @Test
    void serviceExtrasAreOptionalDependenciesSoTheRunnableJarStillHasThem() throws Exception {
        assertThat(optionalDependencies()).contains("org.apache.camel:camel-platform-http-main",
                "org.apache.camel:camel-micrometer-prometheus", "info.picocli:picocli", "ch.qos.logback:logback-classic",
                "org.bouncycastle:bcpkix-jdk18on", "org.apache.camel:camel-kafka");
    }

    @Test
    void checkCatchesABannedArtifactReachedOnlyThroughADuplicateOfACompilePath() {
        DependencyTree tree = DependencyTree.parse(List.of(
                "io.webhookactions:webhook-actions:jar:0.1.0-SNAPSHOT",
                "+- org.example:server-extra:jar:1.0:compile",
                "|  \\- org.example:web:jar:1.0:compile",
                "|     \\- io.netty:netty-common:jar:4.1.130.Final:compile",
                "\\- org.example:plain:jar:1.0:compile",
                "   \\- (org.example:web:jar:1.0:compile - omitted for duplicate)"));

        assertThat(tree.reachedExcept(Set.of())).contains("io.netty:netty-common");
        assertThat(tree.reachedExcept(Set.of("org.example:server-extra"))).as("still reached through plain")
                .contains("io.netty:netty-common");
        assertThat(tree.reachedExcept(Set.of("org.example:server-extra", "org.example:plain"))).isEmpty();
    }

    /** The {@code groupId:artifactId} of every {@code <optional>true</optional>} dependency in pom.xml. */
    private static Set<String> optionalDependencies() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        Set<String> optional = new TreeSet<>();
        NodeList all = project.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element dependency = (Element) all.item(i);
            if (dependency.getParentNode().getParentNode() == project && "true".equals(text(dependency, "optional"))) {
                optional.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
        }
        return optional;
    }

    private static String text(Element element, String child) {
        NodeList nodes = element.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
