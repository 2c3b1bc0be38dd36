package dev.tessera.platform.em;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnswerPatternsTest {

    @Test
    void patternsMatchWholeAnswers() {
        assertTrue(AnswerPatterns.matches("CC-[0-9]{4}", "CC-1234"));
        assertFalse(AnswerPatterns.matches("CC-[0-9]{4}", "xCC-1234"));
        assertFalse(AnswerPatterns.matches("[", "["), "a pattern that does not compile matches nothing");
    }

    @Test
    void catastrophicBacktrackingCannotHappen() {
        String answer = "a".repeat(100_000) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(AnswerPatterns.matches("((a+)+)+", answer));
            assertFalse(AnswerPatterns.matches("(a|aa)+$", answer));
            assertTrue(AnswerPatterns.matches("((a+)+)+!", answer));
        });
    }

    @Test
    void patternsRe2CannotRunAreProblems() {
        assertNull(AnswerPatterns.problem("((a+)+)+"), "nested quantifiers are fine in linear time");
        assertNull(AnswerPatterns.problem("^[A-Z]{2}-\\d{4}$"));
        assertNotNull(AnswerPatterns.problem("(a)\\1"), "backreferences need backtracking");
        assertNotNull(AnswerPatterns.problem("(?=a)a"), "so does lookahead");
        assertNotNull(AnswerPatterns.problem("["));
        assertNotNull(AnswerPatterns.problem("a".repeat(AnswerPatterns.MAX_PATTERN + 1)));
    }
}
