package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which actions a caller may touch (SPEC §10): every action without patterns, else those a pattern matches. */
class CallerTest {

    @Test
    void aCallerWithoutPatternsMayUseEveryAction() {
        Caller caller = new Caller("ci", Role.EXECUTOR, List.of());

        assertThat(caller.mayUse("get_user")).isTrue();
        assertThat(caller.mayUse("delete_user")).isTrue();
    }

    @Test
    void aCallerWithPatternsMayUseOnlyTheActionsTheyMatch() {
        Caller caller = new Caller("reader-bot", Role.EXECUTOR, List.of("get_*", "list_orders"));

        assertThat(caller.mayUse("get_user")).isTrue();
        assertThat(caller.mayUse("list_orders")).isTrue();
        assertThat(caller.mayUse("delete_user")).isFalse();
        assertThat(caller.mayUse("list_orders_all")).isFalse();
    }

    @Test
    void theLocalCallerIsAnAdminOfEveryAction() {
        assertThat(Caller.LOCAL.name()).isEqualTo("local");
        assertThat(Caller.LOCAL.role()).isEqualTo(Role.ADMIN);
        assertThat(Caller.LOCAL.mayUse("anything")).isTrue();
    }

    @Test
    void theActionsOfACallerCannotBeWidenedAfterwards() {
        List<String> patterns = new ArrayList<>(List.of("get_*"));
        Caller caller = new Caller("reader-bot", Role.VIEWER, patterns);

        patterns.clear();

        assertThat(caller.mayUse("delete_user")).isFalse();
        assertThatThrownBy(() -> caller.actions().add("*")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCallerNeedsANameAndARole() {
        assertThatThrownBy(() -> new Caller(null, Role.VIEWER, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Caller("x", null, List.of())).isInstanceOf(NullPointerException.class);
    }
}
