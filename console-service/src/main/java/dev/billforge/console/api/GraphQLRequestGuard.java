package dev.billforge.console.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

import dev.billforge.errors.ErrorCode;

/**
 * Every request to {@code /graphql} passes here before SmallRye GraphQL sees it, so nothing is called for a request
 * the console refuses anyway: a body over the size limit (413 {@code request_too_large}), a caller without a valid
 * token (401 {@code unauthenticated}: the schema, introspection included, is for authenticated callers only), and a
 * document nested too deep or with too many aliases or fields (400 {@code query_too_complex}). Refusals are GraphQL
 * responses ({@code errors[].extensions.code} and {@code .status}) with that HTTP status. It fails closed: a body it
 * cannot read ({@code malformed_json}) or a document that does not parse ({@code bad_request}, with the parser's
 * message) is refused here too, never passed on unchecked, and a WebSocket upgrade is refused before Quarkus'
 * GraphQL-over-WebSocket handler on the same path.
 */
@ApplicationScoped
public class GraphQLRequestGuard {

    private static final Logger LOG = Logger.getLogger(GraphQLRequestGuard.class);
    /**
     * After Quarkus' filters (negative orders: the authentication filter is -200, authorization -100) and before the
     * GraphQL route (routes are numbered from 0 as they are added).
     */
    private static final int ORDER = -10;
    /** Before the GraphQL-over-WebSocket handler Quarkus installs on the same path (-99). */
    private static final int WEBSOCKET_ORDER = -150;

    /** How many accepted documents are remembered (the limits are fixed while the console runs). */
    private static final int ACCEPTED_DOCUMENTS = 1000;

    private final GraphQLLimits limits;
    private final String path;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    public GraphQLRequestGuard(GraphQLLimits limits,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String path) {
        this.limits = limits;
        this.path = path;
    }

    void install(@Observes Router router) {
        // Quarkus also serves GraphQL over WebSocket on this path (order -99), where none of the checks below would
        // run. The console has no subscriptions to stream: the upgrade is refused before that handler.
        router.route(path).order(WEBSOCKET_ORDER).handler(context -> {
            String upgrade = context.request().getHeader("Upgrade");
            if (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
                refuse(context, ErrorCode.BAD_REQUEST, "GraphQL over WebSocket is not offered: POST to " + path + ".");
            } else {
                context.next();
            }
        });
        router.post(path).order(ORDER)
                .handler(BodyHandler.create().setBodyLimit(limits.maxBodyBytes()).setHandleFileUploads(false))
                .handler(this::check)
                .failureHandler(context -> {
                    if (context.statusCode() == 413) {
                        refuse(context, ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than "
                                + limits.maxBodyBytes() + " bytes.");
                    } else {
                        context.next();
                    }
                });
    }

    private void check(RoutingContext context) {
        if (context.body().length() > limits.maxBodyBytes()) {
            refuse(context, ErrorCode.REQUEST_TOO_LARGE, "The request body is larger than " + limits.maxBodyBytes()
                    + " bytes.");
            return;
        }
        if (context.request().getHeader("Authorization") == null) {
            refuse(context, ErrorCode.UNAUTHENTICATED, "Send a bearer token: Authorization: Bearer <token>.");
            return;
        }
        // A token that fails verification is answered here, as GraphQL, instead of by Quarkus' bare 401.
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (failed, cause) ->
                refuse(failed, ErrorCode.UNAUTHENTICATED, "The bearer token is not valid."));
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                refuse(context, ErrorCode.UNAUTHENTICATED, "The bearer token is not valid.");
            } else {
                checkDocument(context, identity);
            }
        }, failure -> refuse(context, ErrorCode.UNAUTHENTICATED, "The bearer token is not valid."));
    }

    private void checkDocument(RoutingContext context, SecurityIdentity identity) {
        String query = query(context);
        if (query == null) {
            refuse(context, ErrorCode.MALFORMED_JSON, "The body must be a JSON object with a \"query\" string (or an"
                    + " application/graphql document).");
            return;
        }
        if (accepted.contains(query)) { // a client's usual queries: parsed and measured once
            context.next();
            return;
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (InvalidSyntaxException e) { // also a document over the parser's token limit
            refuse(context, ErrorCode.BAD_REQUEST, "The query does not parse: " + e.getMessage());
            return;
        }
        String exceeded = DocumentShape.of(document, limits).exceeded();
        if (exceeded != null) {
            LOG.debugf("Refused a GraphQL document of %s: %s", identity.getPrincipal().getName(), exceeded);
            refuse(context, ErrorCode.QUERY_TOO_COMPLEX, "The query is " + exceeded + ".");
            return;
        }
        if (accepted.size() >= ACCEPTED_DOCUMENTS) {
            accepted.clear(); // bounded: many distinct documents only cost their parse again
        }
        accepted.add(query);
        context.next();
    }

    /** The document of a POST: the {@code query} of a JSON body, or an {@code application/graphql} body. */
    private static String query(RoutingContext context) {
        String type = context.request().getHeader("Content-Type");
        if (type != null && type.startsWith("application/graphql")) {
            return context.body().asString();
        }
        try {
            JsonObject body = context.body().asJsonObject();
            return body == null || !(body.getValue("query") instanceof String query) ? null : query;
        } catch (RuntimeException e) { // not JSON (raw control characters in a string included), or not an object
            return null;
        }
    }

    private static void refuse(RoutingContext context, ErrorCode code, String message) {
        if (context.response().ended()) {
            return;
        }
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code.wireName()).put("status", code.status()));
        context.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).put("data", (Object) null).encode());
    }
}
