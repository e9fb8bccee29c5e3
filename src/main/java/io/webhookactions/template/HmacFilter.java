package io.webhookactions.template;

import com.fasterxml.jackson.databind.node.BinaryNode;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code hmac ALGORITHM KEY [text|base64|hex]}: the MAC of the value as bytes. KEY is usually
 * {@code @secret.name}; the third argument says how KEY is encoded (text by default).
 */
final class HmacFilter {

    private HmacFilter() {
    }

    static Filter compile(List<Argument> arguments) {
        String algorithm = algorithm(arguments.get(0));
        String encoding = arguments.size() == 3 ? encoding(arguments.get(2)) : "text";
        byte[] literalKey = arguments.get(1) instanceof Argument.Literal literal ? decodeKey(literal.text(), encoding) : null;
        return (input, scope) -> {
            byte[] key = literalKey != null ? literalKey : attributeKey((Argument.Attribute) arguments.get(1), encoding, scope);
            try {
                Mac mac = Mac.getInstance(algorithm);
                // An empty key is legal for HMAC but SecretKeySpec refuses it; a one-zero-byte key is equivalent.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
                return BinaryNode.valueOf(mac.doFinal(Values.bytes(input)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is part of every JDK", e);
            }
        };
    }

    private static String algorithm(Argument argument) {
        String name = argument instanceof Argument.Literal literal ? literal.text().toLowerCase(Locale.ROOT) : "";
        return switch (name) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            case "sha1" -> "HmacSHA1";
            case "md5" -> "HmacMD5";
            default -> throw new IllegalArgumentException("the algorithm must be sha256, sha512, sha1 or md5");
        };
    }

    private static String encoding(Argument argument) {
        String name = argument instanceof Argument.Literal literal ? literal.text() : "";
        if (!name.equals("text") && !name.equals("base64") && !name.equals("hex")) {
            throw new IllegalArgumentException("the key encoding must be text, base64 or hex");
        }
        return name;
    }

    /**
     * A key read with {@code @ref} that is not in its encoding fails the execution: signing with some other key, or
     * sending the value unsigned, would be worse. Like a literal key, it is never echoed.
     */
    private static byte[] attributeKey(Argument.Attribute argument, String encoding, Scope scope) {
        String key = Values.asText(scope.resolve(argument));
        try {
            return decodeKey(key, encoding);
        } catch (IllegalArgumentException e) {
            throw new RenderException("the hmac key read from @" + argument.reference() + " is not valid " + encoding
                    + "; store it " + encoding + "-encoded or give its encoding (text, base64 or hex) as hmac's third argument");
        }
    }

    /** Never echoes the key: a bad key says only what encoding was expected. */
    private static byte[] decodeKey(String key, String encoding) {
        try {
            return switch (encoding) {
                case "base64" -> Base64.getDecoder().decode(key.strip());
                case "hex" -> HexFormat.of().parseHex(key.strip());
                default -> key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid " + encoding);
        }
    }
}
