package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTemplateTest {

    private final HeaderTemplate header = new HeaderTemplate("X-Request-Id", Template.parse("req-{id}"));

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: 1", "abc\nX", "abc\rX", "abc\u0000"})
    void lineBreakOrNulFailsTheExecutionBeforeSending(String hostile) {
        assertThatThrownBy(() -> header.render(TestScopes.user("id", hostile)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("X-Request-Id")
                .hasMessageNotContaining("Injected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "\"quoted\" {brace} ; , = \t tab", "日本語", ""})
    void otherValuesRenderVerbatim(String value) {
        assertThat(header.render(TestScopes.user("id", value))).isEqualTo("req-" + value);
    }

    @Test
    void longValueRendersWhole() {
        assertThat(header.render(TestScopes.user("id", "a".repeat(100_000)))).hasSize(100_004);
    }
}
