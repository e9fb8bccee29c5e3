package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The action patterns an API key is limited to (SPEC §10): {@code *} stands for any run of characters. */
class ActionPatternsTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
        "get_user,      get_user",
        "*,             get_user",
        "*,             ''",
        "**,            get_user",
        "get_*,         get_user",
        "get_*,         get_",
        "*_user,        get_user",
        "*_user,        _user",
        "get_*_v2,      get_user_v2",
        "get_*_v2,      get__v2",
        "get_*_v2,      get_a_v2_b_v2",
        "*user*,        get_user_list",
        "*a*b*,         xxaxxbxx",
        "a*a,           aaa",
        "a*a,           aa",
        "''  ,          ''",
    })
    void aPatternMatchesTheActionsItDescribes(String pattern, String name) {
        assertThat(ActionPatterns.matches(pattern, name)).isTrue();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
        "get_user,      get_users",
        "get_user,      get_use",
        "get_user,      xget_user",
        "get_user,      ''",
        "get_*,         delete_user",
        "get_*,         get",
        "get_*,         xget_user",
        "*_user,        get_users",
        "*_user,        get_user_",
        "get_*_v2,      get_user_v3",
        "get_*_v2,      get_v2",
        "*a*b*,         xxbxxaxx",
        "a*a,           a",
        "a*a,           ab",
        "'',            a",
        "get_?,         get_x",
    })
    void aPatternMatchesNoOtherAction(String pattern, String name) {
        assertThat(ActionPatterns.matches(pattern, name)).isFalse();
    }

    @Test
    void manyStarsOnALongNameAreDecidedQuickly() {
        String pattern = "*a".repeat(50) + "b";
        String name = "a".repeat(10_000);

        long started = System.nanoTime();
        assertThat(ActionPatterns.matches(pattern, name)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get_user", "get_*", "*", "a", "z", "0", "9", "_", "*_v2", "abcdefghijklmnopqrstuvwxyz_0123456789"})
    void actionNameCharactersAndStarsMakeAValidPattern(String pattern) {
        assertThat(ActionPatterns.isValid(pattern)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Get_user", "get-user", "get.user", "get user", "get_?", "get_[a]", "`", "{", "/", ":", "^", "+",
        "get_é"})
    void anyOtherCharacterMakesAPatternInvalid(String pattern) {
        assertThat(ActionPatterns.isValid(pattern)).isFalse();
    }
}
