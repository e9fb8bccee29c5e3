package io.webhookactions.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code version.properties} when it built the classes (jar or not). */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"webhook-actions " + current()};
    }

    static String current() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/io/webhookactions/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is shown, never needed: fall through to "unknown"
        }
        return properties.getProperty("version", "unknown");
    }
}
