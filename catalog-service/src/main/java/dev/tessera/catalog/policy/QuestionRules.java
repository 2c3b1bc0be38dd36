package dev.tessera.catalog.policy;

import dev.tessera.platform.em.AnswerPatterns;
import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.GraphText;
import dev.tessera.platform.graph.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Checks the questions a policy asks requestors; gives them ids (kept across PUTs) and sequences. */
public final class QuestionRules {

    /**
     * The most questions a policy asks, and choices a question offers. Graph documents no limit; Tessera's
     * keeps a policy a document a requestor can answer (docs/operations.md, Limits).
     */
    static final int MAX_QUESTIONS = 100;
    static final int MAX_CHOICES = 100;
    /** The longest question text, choice value or localized text. */
    static final int MAX_TEXT = 1024;

    private QuestionRules() {
    }

    static List<Question> questions(List<Question> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_QUESTIONS) {
            throw GraphException.invalidField("questions", "Property 'questions' holds at most " + MAX_QUESTIONS
                    + " questions; got " + given.size() + ".");
        }
        List<Question> out = new ArrayList<>(given.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            out.add(question(given.get(i), "questions[" + i + "]", i, ids));
        }
        return List.copyOf(out);
    }

    public static Question question(Question q, String field, int index, Set<String> ids) {
        if (q == null || q instanceof Question.Unknown) {
            throw GraphException.invalidField(field, "A question is a #microsoft.graph.accessPackageTextInputQuestion"
                    + " or a #microsoft.graph.accessPackageMultipleChoiceQuestion.");
        }
        if (q.text() == null || q.text().isBlank()) {
            throw GraphException.invalidField(field + ".text", "Property '" + field + ".text' is required.");
        }
        GraphText.atMost(q.text(), field + ".text", MAX_TEXT);
        String given = Ids.isGuid(q.id()) ? q.id().toLowerCase(Locale.ROOT) : null;
        String id = given != null && ids.add(given) ? given : newId(ids);
        if (q instanceof Question.TextInput t) {
            if (t.regexPattern() != null) {
                String problem = AnswerPatterns.problem(t.regexPattern());
                if (problem != null) {
                    throw GraphException.invalidField(field + ".regexPattern", "Property '" + field
                            + ".regexPattern' " + problem + ".");
                }
            }
            return new Question.TextInput(id, sequence(t.sequence(), index), PolicyRules.flag(t.isRequired()),
                    PolicyRules.flag(t.isAnswerEditable()), t.text(), list(t.localizations()),
                    t.isSingleLineQuestion() == null || t.isSingleLineQuestion(), t.regexPattern());
        }
        Question.MultipleChoice m = (Question.MultipleChoice) q;
        List<Question.Choice> choices = list(m.choices());
        if (choices.isEmpty()) {
            throw GraphException.invalidField(field + ".choices", "A multiple choice question needs choices.");
        }
        if (choices.size() > MAX_CHOICES) {
            throw GraphException.invalidField(field + ".choices", "Property '" + field + ".choices' holds at most "
                    + MAX_CHOICES + " choices; got " + choices.size() + ".");
        }
        for (int i = 0; i < choices.size(); i++) {
            Question.Choice choice = choices.get(i);
            if (choice == null || choice.actualValue() == null || choice.actualValue().isBlank()) {
                throw GraphException.invalidField(field + ".choices[" + i + "].actualValue",
                        "Every choice needs its 'actualValue'.");
            }
            GraphText.atMost(choice.actualValue(), field + ".choices[" + i + "].actualValue", MAX_TEXT);
            GraphText.atMost(choice.text(), field + ".choices[" + i + "].text", MAX_TEXT);
        }
        return new Question.MultipleChoice(id, sequence(m.sequence(), index), PolicyRules.flag(m.isRequired()),
                PolicyRules.flag(m.isAnswerEditable()), m.text(), list(m.localizations()),
                PolicyRules.flag(m.isMultipleSelectionAllowed()),
                choices.stream().map(c -> new Question.Choice(c.actualValue(), c.text() == null ? c.actualValue()
                        : c.text(), list(c.localizations()))).toList());
    }

    private static int sequence(Integer given, int index) {
        return given == null ? index : given;
    }

    private static String newId(Set<String> ids) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return id;
    }

    private static <T> List<T> list(List<T> given) {
        return given == null ? List.of() : given;
    }
}
