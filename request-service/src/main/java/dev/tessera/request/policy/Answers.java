package dev.tessera.request.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.em.AnswerPatterns;
import dev.tessera.platform.em.PolicyView;
import dev.tessera.platform.em.UserDirectoryAttributes;
import dev.tessera.platform.messaging.events.AttributeValue;
import java.util.ArrayList;
import dev.tessera.platform.graph.GraphException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request's answers against its policy's questions, without I/O: every answer names a
 * question of the policy, at most once (a multiple-choice question that allows several selections
 * may be answered once per choice); a text answer matches the question's regular expression and is
 * one line when the question says so; a choice is one of the question's choices; and, for a
 * requestor's own request, every required question is answered. The refusal names the question.
 * The attribute questions of the package's resources are answered the same way, always (an attribute
 * needs its value), with a value no longer than its directory property takes; their refusals name the
 * attribute.
 */
public final class Answers {

    private Answers() {
    }

    /** A resource attribute's question: {@code attribute} is the user property its answer is written to. */
    public record AttributeQuestion(String attribute, String resource, JsonNode question, boolean persistedOnRemoval) {
    }

    public static void check(PolicyView policy, List<JsonNode> answers, boolean requiredMustBeAnswered) {
        check(policy, List.of(), answers, requiredMustBeAnswered);
    }

    public static void check(PolicyView policy, List<AttributeQuestion> attributes, List<JsonNode> answers,
            boolean requiredMustBeAnswered) {
        Map<String, JsonNode> questions = new HashMap<>();
        policy.json().path("questions").forEach(q -> questions.put(q.path("id").asText(), q));
        Map<String, AttributeQuestion> attributeOf = new HashMap<>();
        for (AttributeQuestion a : attributes) {
            String id = a.question().path("id").asText();
            attributeOf.put(id, a);
            questions.putIfAbsent(id, a.question());
        }
        Map<String, Integer> answered = new HashMap<>();
        for (JsonNode answer : answers == null ? List.<JsonNode>of() : answers) {
            if (answer == null || !answer.isObject()) {
                throw GraphException.invalidField("answers", "Each answer must be an accessPackageAnswerString object.");
            }
            String questionId = answer.path("answeredQuestion").path("id").asText("");
            JsonNode question = questions.get(questionId);
            if (question == null) {
                throw GraphException.invalidField("answers", "Answer to question '" + questionId
                        + "', which is not a question of policy '" + policy.displayName() + "' nor of an attribute of "
                        + "its access package's resources.");
            }
            AttributeQuestion attribute = attributeOf.get(questionId);
            if (attribute == null) {
                checkAnswer(question, questionId, answer, answered);
                continue;
            }
            try {
                checkAttribute(attribute, checkAnswer(question, questionId, answer, answered));
            } catch (GraphException e) {
                // the attribute is what the requestor sees on the resource: name it
                throw e.getMessage().startsWith(label(attribute)) ? e
                        : GraphException.invalidField("answers", label(attribute) + ": " + e.getMessage());
            }
        }
        for (AttributeQuestion a : attributes) {
            if (!answered.containsKey(a.question().path("id").asText())) {
                throw GraphException.invalidField("answers", label(a) + " needs a value: answer its question '"
                        + a.question().path("text").asText() + "' (id " + a.question().path("id").asText() + ").");
            }
        }
        if (requiredMustBeAnswered) {
            for (JsonNode question : questions.values()) {
                if (PolicyView.flag(question, "isRequired") && !answered.containsKey(question.path("id").asText())) {
                    throw GraphException.invalidField("answers", "Question '" + text(question) + "' is required.");
                }
            }
        }
    }

    /** Checks one answer to {@code question}; returns its value. */
    private static String checkAnswer(JsonNode question, String questionId, JsonNode answer,
            Map<String, Integer> answered) {
        String value = answer.path("value").isTextual() ? answer.path("value").asText() : null;
        if (value == null) {
            throw GraphException.invalidField("answers", "The answer to '" + text(question) + "' needs a 'value'.");
        }
        boolean multiple = isType(question, "accesspackagemultiplechoicequestion");
        int times = answered.merge(questionId, 1, Integer::sum);
        if (times > 1 && !(multiple && question.path("allowsMultipleSelections").asBoolean(false))) {
            throw GraphException.invalidField("answers", "Question '" + text(question) + "' is answered more than once.");
        }
        if (multiple) {
            Set<String> choices = new HashSet<>();
            question.path("choices").forEach(c -> choices.add(c.path("actualValue").asText()));
            if (!choices.contains(value)) {
                throw GraphException.invalidField("answers", "'" + value + "' is not a choice of question '"
                        + text(question) + "'; choose one of " + choices + ".");
            }
        } else {
            checkText(question, value);
        }
        return value;
    }

    /** The requestor's value for each attribute, as delivery writes it; empty when there are no attributes. */
    public static List<AttributeValue> values(List<AttributeQuestion> attributes, List<JsonNode> answers) {
        List<AttributeValue> values = new ArrayList<>();
        for (AttributeQuestion a : attributes) {
            String id = a.question().path("id").asText();
            for (JsonNode answer : answers == null ? List.<JsonNode>of() : answers) {
                if (answer != null && id.equals(answer.path("answeredQuestion").path("id").asText())
                        && answer.path("value").isTextual()) {
                    values.add(new AttributeValue(a.attribute(), answer.path("value").asText().trim(),
                            a.persistedOnRemoval()));
                    break;
                }
            }
        }
        return List.copyOf(values);
    }

    private static void checkAttribute(AttributeQuestion attribute, String value) {
        if (value.isBlank()) {
            throw GraphException.invalidField("answers", label(attribute) + " needs a value.");
        }
        int max = UserDirectoryAttributes.maxLength(attribute.attribute());
        if (max > 0 && value.trim().length() > max) {
            throw GraphException.invalidField("answers", label(attribute) + " takes at most " + max
                    + " characters; the answer has " + value.trim().length() + ".");
        }
    }

    private static String label(AttributeQuestion a) {
        return "Attribute '" + a.attribute() + "' of resource '" + a.resource() + "'";
    }

    private static void checkText(JsonNode question, String value) {
        if (PolicyView.flag(question, "isRequired") && value.isBlank()) {
            throw GraphException.invalidField("answers", "Question '" + text(question) + "' is required.");
        }
        if (PolicyView.flag(question, "isSingleLineQuestion") && (value.contains("\n") || value.contains("\r"))) {
            throw GraphException.invalidField("answers", "Question '" + text(question) + "' takes a single line.");
        }
        String regex = question.path("regexPattern").asText("");
        if (!regex.isEmpty() && !value.isEmpty()) {
            // RE2/J: linear in the answer, so a catastrophic pattern cannot block the event loop
            if (!AnswerPatterns.matches(regex, value)) {
                throw GraphException.invalidField("answers", "The answer to '" + text(question)
                        + "' does not have the expected format (" + regex + ").");
            }
        }
    }

    private static boolean isType(JsonNode question, String type) {
        return PolicyView.subjectType(question).equals(type);
    }

    private static String text(JsonNode question) {
        return question.path("text").asText(question.path("id").asText());
    }
}
