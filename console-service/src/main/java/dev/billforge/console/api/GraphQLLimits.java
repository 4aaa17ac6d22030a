package dev.billforge.console.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** What one GraphQL request may ask, checked by {@link GraphQLRequestGuard} before anything runs. */
@ConfigMapping(prefix = "billforge.console.graphql")
public interface GraphQLLimits {

    /** The request body, in bytes. */
    int maxBodyBytes();

    /** Nesting of selection sets, fragments expanded ({@code { a { b } }} is 2). */
    int maxDepth();

    /** Aliased fields, fragments expanded: aliases are how one request asks the same field many times. */
    int maxAliases();

    /** Fields, fragments expanded. */
    @WithName("max-fields")
    int maxFields();
}
