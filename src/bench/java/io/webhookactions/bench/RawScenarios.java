package io.webhookactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** (b) The baseline: Apache HttpClient 5 by hand, the same requests, the same fields parsed with Jackson. */
final class RawScenarios implements Scenarios {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloseableHttpClient client = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(128).setMaxConnPerRoute(128).build())
            .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().build();
    private final BenchUpstream upstream;
    private volatile String token;

    RawScenarios(BenchUpstream upstream) {
        this.upstream = upstream;
    }

    private Map<String, String> execute(HttpUriRequestBase request, String... paths) throws Exception {
        return client.execute(request, response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException("status " + response.getCode());
            }
            JsonNode json = JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
            Map<String, String> fields = new HashMap<>();
            for (String path : paths) {
                JsonNode node = json;
                for (String key : path.split("\\.")) {
                    node = node.path(key);
                }
                fields.put(path, node.asText());
            }
            return fields;
        });
    }

    @Override
    public void get(int sequence) throws Exception {
        HttpGet get = new HttpGet(upstream.url("/users/" + URLEncoder.encode(Scenarios.id(sequence), StandardCharsets.UTF_8)));
        get.setHeader("X-Request-Id", "req-" + (sequence % 1000));
        get.setHeader("X-Tenant", "acme");
        Scenarios.expect(execute(get, "data.name", "data.email", "data.plan.id").get("data.name"), "Ada Lovelace", "raw get");
    }

    @Override
    public void postHmac(int sequence) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (int f = 0; f < FIELDS; f++) {
            body.put("f" + f, "value " + f + " of " + (sequence % 1000));
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        String url = upstream.url("/orders");
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(("POST\n" + url + "\n" + timestamp + "\n" + hash)
                .getBytes(StandardCharsets.UTF_8)));
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
        post.setHeader("X-Timestamp", timestamp);
        post.setHeader("X-Signature", signature);
        Scenarios.expect(execute(post, "order.id", "order.status", "order.total").get("order.id"), "O-1", "raw post");
    }

    @Override
    public void oauth(int sequence) throws Exception {
        HttpGet get = new HttpGet(upstream.url("/accounts/" + URLEncoder.encode(Scenarios.id(sequence), StandardCharsets.UTF_8)));
        get.setHeader("Authorization", "Bearer " + token());
        Scenarios.expect(execute(get, "account.tier", "account.balance", "account.id").get("account.tier"), "gold", "raw oauth");
    }

    /** A token fetched once and kept: the least a hand-written client does. */
    private String token() throws Exception {
        String current = token;
        if (current == null) {
            synchronized (this) {
                if (token == null) {
                    HttpPost post = new HttpPost(upstream.url("/oauth/token"));
                    post.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                            .getBytes(StandardCharsets.UTF_8)));
                    post.setEntity(new ByteArrayEntity("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                            ContentType.APPLICATION_FORM_URLENCODED));
                    token = client.execute(post, response -> JSON.readTree(EntityUtils.toByteArray(response.getEntity()))
                            .path("access_token").asText());
                }
                current = token;
            }
        }
        return current;
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
