package io.webhookactions.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by Maven), or "development" when run from classes. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = WebhookActionsCli.class.getPackage().getImplementationVersion();
        return new String[] {"webhook-actions " + (version == null ? "development" : version)};
    }
}
