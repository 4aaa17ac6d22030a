package dev.billforge.console.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * How big a GraphQL document is once its fragments are expanded: depth, fields and aliases. Counting stops as soon as a count passes its limit, so a document built to explode (fragments spreading
 * fragments) costs no more to measure than the limit.
 */
final class DocumentShape {

    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Set<String> expanding = new HashSet<>();
    private final GraphQLLimits limits;
    int depth;
    int fields;
    int aliases;

    private DocumentShape(GraphQLLimits limits) {
        this.limits = limits;
    }

    static DocumentShape of(Document document, GraphQLLimits limits) {
        DocumentShape shape = new DocumentShape(limits);
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> shape.fragments.put(f.getName(), f));
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            shape.visit(operation.getSelectionSet(), 1);
        }
        return shape;
    }

    /** The first limit the document passes, in words, or null when it is within all of them. */
    String exceeded() {
        if (depth > limits.maxDepth()) {
            return "nested deeper than " + limits.maxDepth() + " levels";
        }
        if (aliases > limits.maxAliases()) {
            return "more than " + limits.maxAliases() + " aliases";
        }
        if (fields > limits.maxFields()) {
            return "more than " + limits.maxFields() + " fields";
        }
        return null;
    }

    private boolean over() {
        return exceeded() != null;
    }

    private void visit(SelectionSet selections, int level) {
        if (selections == null || over()) {
            return;
        }
        depth = Math.max(depth, level);
        List<Selection> list = selections.getSelections();
        for (Selection<?> selection : list) {
            if (over()) {
                return;
            }
            if (selection instanceof Field field) {
                fields++;
                if (field.getAlias() != null) {
                    aliases++;
                }
                // The schema's own fields are answered from memory, never by a service, and tools' standard
                // introspection query nests 13 deep: not counted (graphql-java's good-faith introspection check
                // bounds them instead).
                boolean introspection = field.getName().equals("__schema") || field.getName().equals("__type");
                if (field.getSelectionSet() != null && !introspection) {
                    visit(field.getSelectionSet(), level + 1);
                }
            } else if (selection instanceof InlineFragment inline) {
                visit(inline.getSelectionSet(), level);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                // A fragment that spreads itself (directly or not) is not expanded again: GraphQL's validation
                // refuses such a document anyway, and expanding it would never end.
                if (fragment != null && expanding.add(fragment.getName())) {
                    visit(fragment.getSelectionSet(), level);
                    expanding.remove(fragment.getName());
                }
            }
        }
    }
}
