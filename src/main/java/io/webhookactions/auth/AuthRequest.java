package io.webhookactions.auth;

import io.webhookactions.template.AttributeScope;
import java.util.Map;

/** The rendered request as authentication sees and extends it. */
public interface AuthRequest {

    String method();

    /** The absolute URL as it will be sent. */
    String url();

    /** The headers to send so far (definition headers), name -> value. */
    Map<String, String> headers();

    /** Exactly the body bytes that will be sent, or null for none. */
    byte[] body();

    /** The execution's scope, secrets masked; {@link AttributeScope#unmasked()} gives the sending view. */
    AttributeScope scope();

    /** Adds (or replaces, any case) a header: {@code value} is sent, {@code shown} appears in results and logs. */
    void header(String name, String value, String shown);
}
