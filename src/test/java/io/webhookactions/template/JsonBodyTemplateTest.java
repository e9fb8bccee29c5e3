package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.definition.DefinitionReader;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body keeps its structure; single references become typed values (SPEC §3 "JSON body"). */
class JsonBodyTemplateTest {

    private static final String SPEC_BODY =
            "{\"firstName\": \"{first_name}\", \"age\": \"{user.age}\", \"tags\": [\"{user.tag}\"],"
            + " \"note\": \"Hello {first_name}!\", \"fixed\": 3, \"flag\": true, \"nothing\": null}";

    private static JsonBodyTemplate compile(String json) throws IOException {
        return JsonBodyTemplate.compile(io.webhookactions.support.Json.mapper().readTree(json), "/body", (text, pointer) -> Template.parse(text));
    }

    @Test
    void specExampleKeepsTypes() throws IOException {
        JsonNode body = compile(SPEC_BODY).render(TestScopes.of(
                "{\"user\": {\"first_name\": \"Ada\", \"age\": 36, \"tag\": [\"vip\", \"beta\"]}}"));

        assertThat(body.toString()).isEqualTo("{\"firstName\":\"Ada\",\"age\":36,\"tags\":[[\"vip\",\"beta\"]],"
                + "\"note\":\"Hello Ada!\",\"fixed\":3,\"flag\":true,\"nothing\":null}");
    }

    @Test
    void missingSingleReferenceBecomesNullAndEmbeddedOneBecomesEmptyText() throws IOException {
        JsonNode body = compile(SPEC_BODY).render(TestScopes.of("{}"));

        assertThat(body.get("firstName").isNull()).isTrue();
        assertThat(body.get("age").isNull()).isTrue();
        assertThat(body.get("note").asText()).isEqualTo("Hello !");
    }

    @Test
    void declaredTypeCoercesTheValue() throws IOException {
        AttributeTypes types = new AttributeTypes(Map.of("age", AttributeType.INT, "subscribed", AttributeType.BOOLEAN,
                "tags", AttributeType.COLLECTION));
        JsonNode body = compile("{\"age\": \"{age}\", \"subscribed\": \"{subscribed}\", \"tags\": \"{tags}\"}")
                .render(TestScopes.of("{\"user\": {\"age\": \"42\", \"subscribed\": \"yes\", \"tags\": \"[1,2]\"}}", types, Map.of()));

        assertThat(body.toString()).isEqualTo("{\"age\":42,\"subscribed\":true,\"tags\":[1,2]}");
    }

    @Test
    void objectsAndFilteredValuesKeepTheirType() throws IOException {
        JsonNode body = compile("{\"address\": \"{address}\", \"count\": \"{items | count}\", \"hash\": \"{s | sha256}\"}")
                .render(TestScopes.of("{\"user\": {\"address\": {\"city\": \"Paris\"}, \"items\": [1, 2], \"s\": \"\"}}"));

        assertThat(body.get("address").get("city").asText()).isEqualTo("Paris");
        assertThat(body.get("count")).isEqualTo(com.fasterxml.jackson.databind.node.IntNode.valueOf(2));
        assertThat(body.get("hash").asText()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\", \"admin\": true, \"x\": \"", "}", "{\"a\":1}", "\\\"", "\u0000", "\r\n", "</script>",
        "{user.secret}", "\\u0022"})
    void hostileValuesStayStrings(String hostile) throws IOException {
        JsonBodyTemplate template = compile("{\"name\": \"{name}\", \"greeting\": \"Hi {name}\"}");

        String serialized = template.render(TestScopes.user("name", hostile)).toString();
        JsonNode reparsed = io.webhookactions.support.Json.mapper().readTree(serialized);

        assertThat(reparsed.size()).isEqualTo(2);
        assertThat(reparsed.get("name").asText()).isEqualTo(hostile);
        assertThat(reparsed.get("greeting").asText()).isEqualTo("Hi " + hostile);
    }

    @Test
    void tenMegabyteValueIsCarriedWhole() throws IOException {
        String big = "x".repeat(10 * 1024 * 1024);

        JsonNode body = compile("{\"blob\": \"{blob}\"}").render(TestScopes.user("blob", big));

        assertThat(body.get("blob").asText()).hasSize(big.length());
    }

    @Test
    void aBodyThatIsOneReferenceIsTheValueItself() throws IOException {
        JsonNode body = compile("\"{payload}\"").render(TestScopes.of("{\"user\": {\"payload\": {\"a\": [1]}}}"));

        assertThat(body.toString()).isEqualTo("{\"a\":[1]}");
    }
}
