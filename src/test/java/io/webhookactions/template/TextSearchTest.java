package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The linear search agrees with {@code String}'s on the cases where a wrong restart or start would show. */
class TextSearchTest {

    /** Longer than the searches {@code indexOf} keeps: these go through the linear search. */
    private static final String LONG = "a".repeat(64) + "c";

    @Test
    void aMismatchBeforeAPartialMatchIsNotCountedAsItsFirstCharacter() {
        assertThat(TextSearch.contains("b" + "a".repeat(63) + "c", LONG)).isFalse();
        assertThat(TextSearch.contains("b" + LONG, LONG)).isTrue();
        assertThat(TextSearch.count("b" + "a".repeat(63) + "c", LONG)).isZero();
    }

    @Test
    void aPartialMatchThatFailsRestartsWhereTheNextMatchCanBegin() {
        // 64 a's then a: the failure link must keep 64 a's matched, not start over after the 65th.
        String text = "a".repeat(65) + "c";

        assertThat(TextSearch.contains(text, LONG)).isTrue();
        assertThat(TextSearch.replace(text, LONG, "<>")).isEqualTo("a<>");
        assertThat(TextSearch.count(text + text, LONG)).isEqualTo(2);
    }

    @Test
    void occurrencesAreFoundFromTheLeftWithoutOverlapping() {
        String search = "ab".repeat(40);
        String text = "ab".repeat(100);

        assertThat(TextSearch.count(text, search)).isEqualTo(2).isEqualTo(text.split(search, -1).length - 1);
        assertThat(TextSearch.replace(text, search, "-")).isEqualTo(text.replace(search, "-"));
    }

    @Test
    void aMatchAtTheVeryEndAndATextShorterThanTheSearchAreHandled() {
        assertThat(TextSearch.replace("x" + LONG, LONG, "!")).isEqualTo("x!");
        assertThat(TextSearch.contains(LONG.substring(1), LONG)).isFalse();
        assertThat(TextSearch.contains(LONG + "x", LONG)).as("a match at the very start").isTrue();
        assertThat(TextSearch.replace("nothing here", LONG, "!")).isEqualTo("nothing here");
    }

    @Test
    void shortAndLongSearchesAnswerAlike() {
        for (String search : new String[] {"a".repeat(63) + "c", "a".repeat(64) + "c", "a".repeat(65) + "c"}) {
            String text = "b" + "a".repeat(70) + "c" + "a".repeat(10) + "c" + search;

            assertThat(TextSearch.replace(text, search, "<>")).as("%d characters", search.length()).isEqualTo(text.replace(search, "<>"));
        }
    }

    @Test
    void everySearchOverThreeLettersAgreesWithStrings() {
        // Repetitive searches over few letters exercise every branch of the failure links; String is the reference.
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            String unit = letters(random, 1 + random.nextInt(4));
            String search = (unit.repeat(70 / unit.length() + 1) + letters(random, random.nextInt(3))).substring(0, 65 + random.nextInt(6));
            String text = letters(random, random.nextInt(30)) + search.substring(random.nextInt(search.length()))
                    + letters(random, random.nextInt(30)) + (random.nextBoolean() ? search : search.substring(1)) + letters(random, 5);

            assertThat(TextSearch.contains(text, search)).as("%s in %s", search, text).isEqualTo(text.contains(search));
            assertThat(TextSearch.replace(text, search, "_")).isEqualTo(text.replace(search, "_"));
        }
    }

    private static String letters(java.util.Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(3)));
        }
        return out.toString();
    }
}
