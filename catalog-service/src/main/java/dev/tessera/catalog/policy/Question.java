package dev.tessera.catalog.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.util.List;
import java.util.Map;

/**
 * Graph {@code accessPackageQuestion}, asked of requestors: free text or multiple choice, told apart by
 * {@code @odata.type}. Tessera assigns ids to questions that arrive without one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "@odata.type",
        visible = true, defaultImpl = Question.Unknown.class)
@JsonTypeIdResolver(Question.Types.class)
public sealed interface Question {

    String id();

    String text();

    record Localization(String languageCode, String text) {
    }

    record Choice(String actualValue, String text, List<Localization> localizations) {
    }

    record TextInput(
            String id,
            Integer sequence,
            Boolean isRequired,
            Boolean isAnswerEditable,
            String text,
            List<Localization> localizations,
            Boolean isSingleLineQuestion,
            String regexPattern) implements Question {
    }

    record MultipleChoice(
            String id,
            Integer sequence,
            Boolean isRequired,
            Boolean isAnswerEditable,
            String text,
            List<Localization> localizations,
            Boolean isMultipleSelectionAllowed,
            List<Choice> choices) implements Question {
    }

    /** Never stored or written: refused by {@link PolicyRules}. */
    record Unknown(@JsonProperty("@odata.type") String odataType, String id, String text) implements Question {
    }

    final class Types extends ODataTypeResolver {

        public Types() {
            super(Map.of("accessPackageTextInputQuestion", TextInput.class,
                    "accessPackageMultipleChoiceQuestion", MultipleChoice.class));
        }
    }
}
