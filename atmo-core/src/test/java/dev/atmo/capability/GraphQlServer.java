package dev.atmo.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.util.Map;

/**
 * A GraphQL server built with graphql-java, served at {@code /graphql} of a {@link LoopbackHttp}. It answers
 * only requests carrying {@code Authorization: Bearer <token>} (others get 401 {@code {"message":"Bad
 * credentials"}}); {@code repository(owner, name)} resolves to {@code name} and {@code nameWithOwner}, and its
 * field {@code broken} always throws, so the answer has {@code errors} with an array {@code path}.
 */
final class GraphQlServer {
    static final String PATH = "/graphql";
    static final String UNAUTHORISED = "{\"message\":\"Bad credentials\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            type Query {
              repository(owner: String!, name: String!): Repository
            }
            type Repository {
              name: String
              nameWithOwner: String
              broken: String
            }
            """;

    private final GraphQL graphql;
    private final String token;

    private GraphQlServer(String token) {
        DataFetcher<Map<String, String>> repository = env -> Map.of(
                "name", env.<String>getArgument("name"),
                "nameWithOwner", env.getArgument("owner") + "/" + env.getArgument("name"));
        DataFetcher<String> broken = env -> {
            throw new IllegalStateException("the broken field always fails");
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("repository", repository))
                .type("Repository", t -> t.dataFetcher("broken", broken))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
        this.graphql = GraphQL.newGraphQL(schema).build();
        this.token = token;
    }

    /** Serves the schema at {@code /graphql} of {@code http}, demanding {@code token}. */
    static void serve(LoopbackHttp http, String token) {
        GraphQlServer server = new GraphQlServer(token);
        http.handle(PATH, server::answer);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + token).equals(authorization)) {
            LoopbackHttp.answer(exchange, 401, UNAUTHORISED);
            return;
        }
        JsonNode request = JSON.readTree(LoopbackHttp.body(exchange));
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                .query(request.path("query").asText()).build());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        LoopbackHttp.answer(exchange, 200, JSON.writeValueAsBytes(result.toSpecification()));
    }
}
