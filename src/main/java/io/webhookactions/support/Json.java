package io.webhookactions.support;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one configured Jackson mapper of the product. Numbers stay exact ({@code BigDecimal}, written plain), so
 * a value passes through mapping and rendering without turning {@code 0.1} into {@code 0.1000000000000000055}.
 * What people write (definition files, API bodies) is read with {@link #strict()}: no duplicate keys (the
 * second of two would silently win) and nothing after the value; what an upstream answers is read as it
 * comes. Mappers and readers are thread-safe once built; never configure this one further.
 */
public final class Json {

    /** Nodes with exact decimals, for every tree the product builds itself. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(NODES)
            .build();

    private static final ObjectReader STRICT = MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** What {@link #text} writes with a generator. */
    @FunctionalInterface
    public interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * The JSON text {@code writing} produces, written by Jackson's UTF-8 generator into bytes. Writing into a
     * {@code StringWriter} instead takes about twice as long: its {@code StringBuffer} locks on every append and
     * packs each character back into a byte (the history builds a record's detail this way on the execution's thread).
     */
    public static String text(Writing writing) {
        ByteArrayBuilder out = new ByteArrayBuilder(2048);
        try (JsonGenerator json = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Reads what people write: duplicate keys and trailing content are errors (comments and trailing commas always are). */
    public static ObjectReader strict() {
        return STRICT;
    }
}
