package dev.tessera.request.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.graph.GraphException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswersTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final PolicyView POLICY;

    static {
        try {
            POLICY = new PolicyView(MAPPER.readTree("""
                    {"id":"00000000-0000-0000-0000-000000000001","displayName":"Asks",
                     "questions":[
                      {"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","id":"q-cost","text":"Cost centre?",
                       "isRequired":true,"isSingleLineQuestion":true,"regexPattern":"CC-[0-9]{4}"},
                      {"@odata.type":"#microsoft.graph.accessPackageMultipleChoiceQuestion","id":"q-team","text":"Team?",
                       "isRequired":false,"choices":[{"actualValue":"red"},{"actualValue":"blue"}]},
                      {"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","id":"q-note","text":"Anything else?",
                       "isRequired":false}]}
                    """));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode answer(String questionId, String value) {
        return MAPPER.createObjectNode().put("@odata.type", "#microsoft.graph.accessPackageAnswerString").put("value", value)
                .set("answeredQuestion", MAPPER.createObjectNode().put("id", questionId));
    }

    static String refusal(List<JsonNode> answers, boolean required) {
        return assertThrows(GraphException.class, () -> Answers.check(POLICY, answers, required)).getMessage();
    }

    @Test
    void validAnswersPass() {
        assertDoesNotThrow(() -> Answers.check(POLICY, List.of(answer("q-cost", "CC-1234"), answer("q-team", "blue")), true));
        assertDoesNotThrow(() -> Answers.check(POLICY, null, false), "an administrator need not answer");
    }

    @Test
    void eachRuleRefusesWithTheQuestionNamed() {
        assertTrue(refusal(List.of(answer("q-team", "red")), true).contains("'Cost centre?' is required"));
        assertTrue(refusal(List.of(answer("q-cost", "1234")), true).contains("expected format"));
        assertTrue(refusal(List.of(answer("q-cost", "CC-1234\nCC-5678")), true).contains("single line"));
        assertTrue(refusal(List.of(answer("q-cost", "CC-1234"), answer("q-team", "green")), true).contains("'green' is not a choice"));
        assertTrue(refusal(List.of(answer("q-cost", "CC-1234"), answer("q-nope", "x")), true).contains("q-nope"));
        assertTrue(refusal(List.of(answer("q-cost", "CC-1234"), answer("q-cost", "CC-5678")), true).contains("more than once"));
        List<JsonNode> blank = new ArrayList<>(List.of(answer("q-cost", " ")));
        assertTrue(refusal(blank, true).contains("required"));
    }

    /**
     * Issue 15 item 5: with java.util.regex, {@code ((a+)+)+} against 26 a's and a b took 5 s of an event-loop
     * thread (and 40 characters about a day). RE2/J answers in linear time; the bound is only a hang guard.
     */
    @Test
    void aCatastrophicPatternAnswersPromptly() throws Exception {
        PolicyView policy = new PolicyView(MAPPER.readTree("""
                {"id":"00000000-0000-0000-0000-000000000002","displayName":"Hostile",
                 "questions":[{"@odata.type":"#microsoft.graph.accessPackageTextInputQuestion","id":"q-evil",
                   "text":"Evil?","isRequired":true,"isSingleLineQuestion":true,"regexPattern":"((a+)+)+"}]}
                """));
        String answer = "a".repeat(5_000) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            GraphException refused = assertThrows(GraphException.class,
                    () -> Answers.check(policy, List.of(answer("q-evil", answer)), true));
            assertTrue(refused.getMessage().contains("expected format"));
            assertDoesNotThrow(() -> Answers.check(policy, List.of(answer("q-evil", "a".repeat(5_000))), true));
        });
    }
}
