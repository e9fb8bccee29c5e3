package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Roles are cumulative (SPEC §10): each one may do everything the ones before it may, and nothing after. */
class RoleTest {

    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
        "VIEWER,   VIEWER,   true",
        "VIEWER,   TESTER,   false",
        "VIEWER,   EXECUTOR, false",
        "VIEWER,   ADMIN,    false",
        "TESTER,   VIEWER,   true",
        "TESTER,   TESTER,   true",
        "TESTER,   EXECUTOR, false",
        "EXECUTOR, TESTER,   true",
        "EXECUTOR, EXECUTOR, true",
        "EXECUTOR, ADMIN,    false",
        "ADMIN,    VIEWER,   true",
        "ADMIN,    EXECUTOR, true",
        "ADMIN,    ADMIN,    true",
    })
    void aRoleAllowsItselfAndTheRolesBelowIt(Role role, Role needed, boolean allowed) {
        assertThat(role.allows(needed)).isEqualTo(allowed);
    }

    @Test
    void eachRoleIsWrittenInLowerCase() {
        assertThat(Role.VIEWER.key()).isEqualTo("viewer");
        assertThat(Role.TESTER.key()).isEqualTo("tester");
        assertThat(Role.EXECUTOR.key()).isEqualTo("executor");
        assertThat(Role.ADMIN.key()).isEqualTo("admin");
    }

    @Test
    void aRoleIsReadInAnyCaseAroundBlanks() {
        assertThat(Role.ofKey("viewer")).contains(Role.VIEWER);
        assertThat(Role.ofKey("Tester")).contains(Role.TESTER);
        assertThat(Role.ofKey(" EXECUTOR\t")).contains(Role.EXECUTOR);
        assertThat(Role.ofKey("admin")).contains(Role.ADMIN);
    }

    @Test
    void anUnknownBlankOrMissingRoleIsNoRole() {
        assertThat(Role.ofKey("root")).isEmpty();
        assertThat(Role.ofKey("admins")).isEmpty();
        assertThat(Role.ofKey("")).isEmpty();
        assertThat(Role.ofKey("  ")).isEmpty();
        assertThat(Role.ofKey(null)).isEmpty();
    }
}
