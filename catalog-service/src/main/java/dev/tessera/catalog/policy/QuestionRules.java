package dev.tessera.catalog.policy;

import dev.tessera.platform.graph.GraphException;
import dev.tessera.platform.graph.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks the questions a policy asks requestors; gives them ids (kept across PUTs) and sequences. */
final class QuestionRules {

    private QuestionRules() {
    }

    static List<Question> questions(List<Question> given) {
        if (given == null) {
            return List.of();
        }
        List<Question> out = new ArrayList<>(given.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            out.add(question(given.get(i), "questions[" + i + "]", i, ids));
        }
        return List.copyOf(out);
    }

    static Question question(Question q, String field, int index, Set<String> ids) {
        if (q == null || q instanceof Question.Unknown) {
            throw GraphException.invalidField(field, "A question is a #microsoft.graph.accessPackageTextInputQuestion"
                    + " or a #microsoft.graph.accessPackageMultipleChoiceQuestion.");
        }
        if (q.text() == null || q.text().isBlank()) {
            throw GraphException.invalidField(field + ".text", "Property '" + field + ".text' is required.");
        }
        String given = Ids.isGuid(q.id()) ? q.id().toLowerCase(Locale.ROOT) : null;
        String id = given != null && ids.add(given) ? given : newId(ids);
        if (q instanceof Question.TextInput t) {
            if (t.regexPattern() != null) {
                try {
                    Pattern.compile(t.regexPattern());
                } catch (PatternSyntaxException e) {
                    throw GraphException.invalidField(field + ".regexPattern",
                            "'" + t.regexPattern() + "' is not a valid regular expression.");
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
        for (int i = 0; i < choices.size(); i++) {
            Question.Choice choice = choices.get(i);
            if (choice == null || choice.actualValue() == null || choice.actualValue().isBlank()) {
                throw GraphException.invalidField(field + ".choices[" + i + "].actualValue",
                        "Every choice needs its 'actualValue'.");
            }
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
