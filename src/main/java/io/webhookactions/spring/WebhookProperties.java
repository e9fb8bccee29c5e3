package io.webhookactions.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every {@code webhook.*} key the library reads (SPEC §8, §11), for Spring Boot's configuration metadata. The engine
 * reads them through Camel's property resolution, which in Spring Boot is backed by the Environment, so a value set
 * here and a value read there are the same; defaults below are the engine's.
 */
@ConfigurationProperties("webhook")
public class WebhookProperties {

    /** Folder of *.webhook.json files (the standalone service; a Spring Boot host uses camel.main.routes-include-pattern). */
    private String routes = "routes";

    /** JSON file declaring attribute types, e.g. {"age": "int"}; a missing file declares none. */
    private String attributesFile = "config/attributes.json";

    /** The encrypted secret store (AES-256-GCM); consulted after webhook.secret.NAME properties. */
    private String secretsFile = "config/secrets.json";

    /** Master key file of the secret store, owner-readable only; WEBHOOK_ACTIONS_MASTER_KEY overrides it. */
    private String masterKeyFile = "config/master.key";

    /** Budget in milliseconds of an action without timeout_ms (all attempts together). */
    private int defaultTimeoutMs = 10_000;

    /** Largest response body kept; a larger one fails the execution. */
    private long maxResponseBytes = 10L * 1024 * 1024;

    /** Largest total size of a response's headers (at most 200 headers). */
    private long maxResponseHeaderBytes = 64 * 1024;

    /** Largest single rendered template value. */
    private long maxRenderedBytes = 1024 * 1024;

    /** Host patterns a rendered URL may go to (empty: any host not denied). */
    private String allowedHosts = "";

    /** Host patterns a rendered URL may not go to; the default denies link-local addresses and cloud metadata hosts. */
    private String deniedHosts = io.webhookactions.host.HostPolicy.DEFAULT_DENIED;

    /** Secrets by name: webhook.secret.api_token is {secret.api_token} in a definition's authentication. */
    private Map<String, String> secret = new LinkedHashMap<>();

    private final OAuth2 oauth2 = new OAuth2();

    private final Demo demo = new Demo();

    /** OAuth2 client credentials settings. */
    public static class OAuth2 {

        /** Renew a cached token when less than this many seconds of its life remain. */
        private long refreshMarginSeconds = 30;

        public long getRefreshMarginSeconds() {
            return refreshMarginSeconds;
        }

        public void setRefreshMarginSeconds(long refreshMarginSeconds) {
            this.refreshMarginSeconds = refreshMarginSeconds;
        }
    }

    /** The standalone service's built-in demo upstream. */
    public static class Demo {

        /** Whether the standalone service serves its demo API under /demo (not used in a host). */
        private boolean enabled;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    public String getRoutes() {
        return routes;
    }

    public void setRoutes(String routes) {
        this.routes = routes;
    }

    public String getAttributesFile() {
        return attributesFile;
    }

    public void setAttributesFile(String attributesFile) {
        this.attributesFile = attributesFile;
    }

    public String getSecretsFile() {
        return secretsFile;
    }

    public void setSecretsFile(String secretsFile) {
        this.secretsFile = secretsFile;
    }

    public String getMasterKeyFile() {
        return masterKeyFile;
    }

    public void setMasterKeyFile(String masterKeyFile) {
        this.masterKeyFile = masterKeyFile;
    }

    public int getDefaultTimeoutMs() {
        return defaultTimeoutMs;
    }

    public void setDefaultTimeoutMs(int defaultTimeoutMs) {
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    public long getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public long getMaxResponseHeaderBytes() {
        return maxResponseHeaderBytes;
    }

    public void setMaxResponseHeaderBytes(long maxResponseHeaderBytes) {
        this.maxResponseHeaderBytes = maxResponseHeaderBytes;
    }

    public long getMaxRenderedBytes() {
        return maxRenderedBytes;
    }

    public void setMaxRenderedBytes(long maxRenderedBytes) {
        this.maxRenderedBytes = maxRenderedBytes;
    }

    public String getAllowedHosts() {
        return allowedHosts;
    }

    public void setAllowedHosts(String allowedHosts) {
        this.allowedHosts = allowedHosts;
    }

    public String getDeniedHosts() {
        return deniedHosts;
    }

    public void setDeniedHosts(String deniedHosts) {
        this.deniedHosts = deniedHosts;
    }

    public Map<String, String> getSecret() {
        return secret;
    }

    public void setSecret(Map<String, String> secret) {
        this.secret = secret;
    }

    public OAuth2 getOauth2() {
        return oauth2;
    }

    public Demo getDemo() {
        return demo;
    }
}
