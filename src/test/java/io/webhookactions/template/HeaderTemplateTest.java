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
    @ValueSource(strings = {"plain", "\"quoted\" {brace} ; , = \t tab", "~!@#$%^&*()", ""})
    void visibleAsciiSpaceAndTabRenderVerbatim(String value) {
        assertThat(header.render(TestScopes.user("id", value))).isEqualTo("req-" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"日本語", "café", "\u007F", "a\u0001b", "\u00A0"})
    void anythingButVisibleAsciiFailsInsteadOfBeingSentAsQuestionMarks(String value) {
        assertThatThrownBy(() -> header.render(TestScopes.user("id", value)))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("X-Request-Id")
                .hasMessageContaining("not visible ASCII at position")
                .hasMessageNotContaining(value);
    }

    @Test
    void longValueRendersWhole() {
        assertThat(header.render(TestScopes.user("id", "a".repeat(100_000)))).hasSize(100_004);
    }
}
