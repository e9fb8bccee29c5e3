package io.webhookactions.template;

import static io.webhookactions.template.TestScopes.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The collection filters {@code where}, {@code range} and {@code select} as a template renders them. */
class CollectionFiltersTest {

    @ParameterizedTest(name = "where . 25 {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "==; [25]",
        "!=; [20,30]",
        ">;  [30]",
        "<;  [20]",
        ">=; [25,30]",
        "<=; [20,25]",
    })
    void everyOperatorComparesEachValueWithTheGivenOne(String operator, String expected) {
        assertThat(render("{xs | where . 25 " + operator + "}", "{\"xs\": [20, 25, 30]}")).isEqualTo(expected);
    }

    @Test
    void numbersCompareAsNumbersNotAsText() {
        assertThat(render("{xs | where . 10 <}", "{\"xs\": [9, 10, 100]}")).isEqualTo("[9]");
        assertThat(render("{xs | where . 1}", "{\"xs\": [\"1.0\", 1, \"01\", 2]}")).isEqualTo("[\"1.0\",1,\"01\"]");
    }

    @Test
    void aNumberAndAWordCompareAsText() {
        assertThat(render("{users | where name 5 | count}", "{\"users\": [{\"name\": \"x\"}, {\"name\": 5}, {\"name\": \"5\"}]}"))
                .isEqualTo("2");
        assertThat(render("{xs | where . abc <}", "{\"xs\": [1, \"abd\", \"abb\"]}")).isEqualTo("[1,\"abb\"]");
    }

    @Test
    void elementsWithoutTheFieldAreLeftOutEvenForNotEqual() {
        assertThat(render("{users | where name a != | select id}",
                "{\"users\": [{\"id\": 1, \"name\": \"b\"}, {\"id\": 2}, {\"id\": 3, \"name\": \"a\"}]}")).isEqualTo("[1]");
    }

    @Test
    void containsOnAnArrayFieldMatchesWholeElementsNotParts() {
        assertThat(render("{users | where tags vip contains | select name}",
                "{\"users\": [{\"name\": \"a\", \"tags\": [\"vip-gold\"]}, {\"name\": \"b\", \"tags\": [\"basic\", \"vip\"]},"
                        + " {\"name\": \"c\", \"tags\": [\"basic\"]}]}"))
                .isEqualTo("[\"b\"]");
    }

    @Test
    void containsOnAnArrayComparesNumbersAsNumbers() {
        assertThat(render("{users | where ids 1 contains | select name}",
                "{\"users\": [{\"name\": \"a\", \"ids\": [1.0, 7]}, {\"name\": \"b\", \"ids\": [10]}]}"))
                .isEqualTo("[\"a\"]");
    }

    @Test
    void containsOnATextFieldMatchesPartOfTheText() {
        assertThat(render("{users | where email example.com contains | select name}",
                "{\"users\": [{\"name\": \"a\", \"email\": \"a@example.com\"}, {\"name\": \"b\", \"email\": \"b@test.org\"}]}"))
                .isEqualTo("[\"a\"]");
    }

    @Test
    void whereWorksOnAnArrayStoredAsText() {
        assertThat(render("{xs | where . 2 >}", "{\"xs\": \"[1, 2, 3]\"}")).isEqualTo("[3]");
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "{s | where . 1};       {\"s\": \"hello\"};      hello",
        "{s | where . 1};       {\"s\": 42};             42",
        "{s | where a 1};       {\"s\": {\"a\": 1}};     {\"a\":1}",
        "{s | where a 1};       {\"s\": \"{\\\"a\\\":1}\"}; {\"a\":1}",
        "{s | select a};        {\"s\": \"hello\"};      hello",
        "{s | select a};        {\"s\": {\"a\": 1}};     {\"a\":1}",
    })
    void aValueThatIsNotAnArrayPassesThroughWhereAndSelectUnchanged(String template, String user, String expected) {
        assertThat(render(template, user)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of a missing attribute stays missing")
    @CsvSource({"where . 1", "select a", "range 1", "range 0 2", "range @user.from"})
    void aMissingAttributeStaysMissing(String filter) {
        assertThat(render("{xs | " + filter + " | json}", "{\"from\": 1}")).isEqualTo("null");
    }

    @Test
    void theOperatorMustBeWrittenLiterally() {
        assertThatThrownBy(() -> Template.parse("{xs | where . 1 @user.op}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("filter \"where\": the operator must be written literally, not read from an attribute")
                .hasMessageContaining("write: where FIELD VALUE [==|!=|>|<|>=|<=|contains]");
    }

    @Test
    void anUnknownOperatorIsALoadErrorListingTheOperators() {
        assertThatThrownBy(() -> Template.parse("{xs | where . 1 like}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("\"like\" is not an operator; use ==, !=, >, <, >=, <= or contains");
    }

    @Test
    void aNegativeCountGivesNothingAlsoOnText() {
        assertThat(render("{s | range 0 -1}", "{\"s\": \"abc\"}")).isEmpty();
        assertThat(render("{s | range 2 -1}", "{\"s\": \"abc\"}")).isEmpty();
        assertThat(render("{s | range 1 0}", "{\"s\": \"abc\"}")).isEmpty();
    }

    @ParameterizedTest(name = "range {0} on abcde -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0;     abcde",
        "3;     de",
        "-1;    e",
        "-9;    abcde",
        "9;     ''",
        "1 3;   bcd",
        "-3 2;  cd",
        "3 100; de",
    })
    void rangeSlicesTextByCharacters(String arguments, String expected) {
        assertThat(render("{s | range " + arguments + "}", "{\"s\": \"abcde\"}")).isEqualTo(expected);
    }

    @Test
    void rangeReadsStartFromAnAttribute() {
        String user = "{\"xs\": [1, 2, 3, 4], \"from\": 1, \"back\": \"-1\"}";

        assertThat(render("{xs | range @user.from}", user)).isEqualTo("[2,3,4]");
        assertThat(render("{xs | range @user.from 2}", user)).isEqualTo("[2,3]");
        assertThat(render("{xs | range @user.back}", user)).isEqualTo("[4]");
    }

    @Test
    void rangeReadsCountFromAnAttribute() {
        String user = "{\"xs\": [1, 2, 3, 4], \"from\": 1, \"n\": \"2\"}";

        assertThat(render("{xs | range @user.from @user.n}", user)).isEqualTo("[2,3]");
        assertThat(render("{xs | range 2 @user.n}", user)).isEqualTo("[3,4]");
    }

    @ParameterizedTest(name = "range from {0} passes the value unchanged")
    @CsvSource({"1.5", "abc", "1e20", "''"})
    void aStartFromAnAttributeThatIsNotAWholeNumberLeavesTheValueUnchanged(String bad) {
        String user = "{\"xs\": [1, 2, 3], \"bad\": \"" + bad + "\"}";

        assertThat(render("{xs | range @user.bad}", user)).isEqualTo("[1,2,3]");
        assertThat(render("{xs | range @user.bad 1}", user)).isEqualTo("[1,2,3]");
    }

    @ParameterizedTest(name = "range 1 with count {0} passes the value unchanged")
    @CsvSource({"1.5", "abc"})
    void aCountFromAnAttributeThatIsNotAWholeNumberLeavesTheValueUnchanged(String bad) {
        String user = "{\"xs\": [1, 2, 3], \"bad\": \"" + bad + "\"}";

        assertThat(render("{xs | range 1 @user.bad}", user)).isEqualTo("[1,2,3]");
    }

    @Test
    void aLiteralStartOrCountMustBeAWholeNumber() {
        assertThatThrownBy(() -> Template.parse("{xs | range 1.5}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("filter \"range\": START must be a whole number, not \"1.5\"; write: range START [COUNT]");
        assertThatThrownBy(() -> Template.parse("{xs | range 0 x}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("COUNT must be a whole number, not \"x\"");
    }

    @Test
    void selectFollowsADottedPathIntoAnArrayStoredAsText() {
        assertThat(render("{users | select address.city}",
                "{\"users\": \"[{\\\"address\\\": {\\\"city\\\": \\\"Paris\\\"}}, {\\\"name\\\": \\\"b\\\"}]\"}"))
                .isEqualTo("[\"Paris\"]");
    }
}
