package io.webhookactions.bench;

/**
 * The three scenarios of the comparison, each implemented three ways (the webhook-action route, raw
 * HttpClient 5 with Jackson, a hand-written camel-http route with Simple and camel-jsonpath):
 * <ul>
 *   <li>get: GET /users/{id} with 2 templated headers, 3 fields read from a 1 KiB JSON answer;</li>
 *   <li>post_hmac: POST /orders with a 20-field templated JSON body, signed with HMAC-SHA256 over
 *       method, URL, timestamp and body hash, 3 fields read;</li>
 *   <li>oauth: GET /accounts/{id} with an OAuth2 client-credentials token (cached), 3 fields read.</li>
 * </ul>
 */
interface Scenarios extends AutoCloseable {

    String SIGNING_KEY = "bench-signing-key";
    String CLIENT_ID = "bench-client";
    String CLIENT_SECRET = "bench-client-secret";
    int FIELDS = 20;

    void get(int sequence) throws Exception;

    void postHmac(int sequence) throws Exception;

    void oauth(int sequence) throws Exception;

    static String id(int sequence) {
        return "u" + (sequence % 1000);
    }

    static void expect(Object actual, String expected, String what) {
        if (!expected.equals(String.valueOf(actual))) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }
}
