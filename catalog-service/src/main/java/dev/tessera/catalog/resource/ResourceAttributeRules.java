package dev.tessera.catalog.resource;

import dev.tessera.catalog.policy.Question;
import dev.tessera.catalog.policy.QuestionRules;
import dev.tessera.platform.em.UserDirectoryAttributes;
import dev.tessera.platform.graph.GraphException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the {@code attributes} of a resource request: each writes one directory property of the user
 * that Tessera may write ({@link UserDirectoryAttributes}), at most once per resource, and asks its
 * value with one question (the policies' question model, {@link QuestionRules}) that takes one value.
 * An unknown destination is refused here, not discovered at delivery.
 */
final class ResourceAttributeRules {

    /** Graph documents no limit; the user object has few writable properties to ask about. */
    static final int MAX_ATTRIBUTES = 20;

    static final String QUESTION_SOURCE = "#microsoft.graph.accessPackageResourceAttributeQuestion";

    private ResourceAttributeRules() {
    }

    static List<ResourceAttribute> attributes(List<ResourceAttribute> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ATTRIBUTES) {
            throw GraphException.invalidField("resource.attributes", "Property 'resource.attributes' holds at most "
                    + MAX_ATTRIBUTES + " attributes; got " + given.size() + ".");
        }
        List<ResourceAttribute> out = new ArrayList<>(given.size());
        Set<String> names = new HashSet<>();
        Set<String> questionIds = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            out.add(attribute(given.get(i), "resource.attributes[" + i + "]", i, names, questionIds));
        }
        return List.copyOf(out);
    }

    private static ResourceAttribute attribute(ResourceAttribute a, String field, int index, Set<String> names,
            Set<String> questionIds) {
        if (a == null) {
            throw GraphException.invalidField(field, "An attribute is an accessPackageResourceAttribute object.");
        }
        if (a.destination() == null || !isType(a.destination().odataType(), UserDirectoryAttributes.DESTINATION)) {
            throw GraphException.invalidField(field + ".destination", "Property '" + field + ".destination' must be "
                    + "a " + UserDirectoryAttributes.DESTINATION + "; no other destination is supported.");
        }
        if (a.name() == null || a.name().isBlank()) {
            throw GraphException.invalidField(field + ".name", "Property '" + field + ".name' is required.");
        }
        String name = UserDirectoryAttributes.canonical(a.name().trim()).orElseThrow(() -> GraphException.invalidField(
                field + ".name", "'" + a.name() + "' is not a user property Tessera can write; use one of "
                        + UserDirectoryAttributes.names() + "."));
        if (!names.add(name)) {
            throw GraphException.invalidField(field + ".name", "Attribute '" + name
                    + "' is given more than once for this resource.");
        }
        if (a.source() == null || a.source().question() == null
                || (a.source().odataType() != null && !isType(a.source().odataType(), QUESTION_SOURCE))) {
            throw GraphException.invalidField(field + ".source", "Property '" + field + ".source' must be a "
                    + QUESTION_SOURCE + " with its 'question'.");
        }
        Question question = QuestionRules.question(a.source().question(), field + ".source.question", index,
                questionIds);
        if (question instanceof Question.MultipleChoice m && Boolean.TRUE.equals(m.isMultipleSelectionAllowed())) {
            throw GraphException.invalidField(field + ".source.question.isMultipleSelectionAllowed",
                    "Attribute '" + name + "' takes one value; its question cannot allow several selections.");
        }
        return new ResourceAttribute(new ResourceAttribute.Destination(UserDirectoryAttributes.DESTINATION),
                Boolean.TRUE.equals(a.isEditable()), Boolean.TRUE.equals(a.isPersistedOnAssignmentRemoval()), name,
                new ResourceAttribute.Source(QUESTION_SOURCE, question));
    }

    /** {@code @odata.type} with or without {@code #} and namespace, in any case. */
    private static boolean isType(String given, String expected) {
        if (given == null) {
            return false;
        }
        String bare = expected.substring(expected.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String g = given.toLowerCase(Locale.ROOT);
        return g.equals(bare) || g.equals("microsoft.graph." + bare) || g.equals("#microsoft.graph." + bare);
    }
}
