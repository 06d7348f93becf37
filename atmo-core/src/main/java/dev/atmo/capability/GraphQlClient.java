package dev.atmo.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.GraphQlCapability;
import dev.atmo.wasm.host.HttpCall;
import dev.atmo.wasm.host.HttpCapability;
import dev.atmo.wasm.host.HttpReply;
import dev.atmo.wasm.host.InvocationInfo;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GraphQL for Runnables: the query is parsed first (a syntax error comes back naming line and column, with no
 * network call), then POSTed as {@code {"query": ...}} through outbound HTTP, so policy and
 * authentication apply. The answer is re-encoded with sorted keys; GraphQL errors become the error text.
 */
public final class GraphQlClient implements GraphQlCapability {
    private final HttpCapability http;

    /** @param http the outbound HTTP the query goes through: {@link OutboundHttp}, traced or not */
    public GraphQlClient(HttpCapability http) {
        this.http = http;
    }

    @Override
    public byte[] query(String endpoint, String query, InvocationInfo caller) {
        byte[] body;
        try {
            checkSyntax(query);
            body = GoJson.mapper().writeValueAsBytes(GoJson.mapper().createObjectNode().put("query", query));
        } catch (CapabilityException e) {
            throw logged(e, caller);
        } catch (IOException e) {
            throw logged(new CapabilityException("failed to encode GraphQL request: " + e.getMessage()), caller);
        }
        // OutboundHttp logs its own failures
        HttpReply reply = http.send(new HttpCall("POST", endpoint,
                List.of(Map.entry("Content-Type", "application/json")), body), caller);
        try {
            return answer(reply);
        } catch (CapabilityException e) {
            throw logged(e, caller);
        }
    }

    private static CapabilityException logged(CapabilityException failure, InvocationInfo caller) {
        OutboundHttp.logFailure("GraphQL query", caller, failure);
        return failure;
    }

    /** The data of a successful answer re-encoded; a failed one as the error text. */
    private static byte[] answer(HttpReply reply) {
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        if (reply.status() > 299) {
            throw new CapabilityException("non-200 HTTP response code; " + text);
        }
        JsonNode response;
        try {
            response = GoJson.mapper().readTree(reply.body());
        } catch (JsonProcessingException e) {
            throw new CapabilityException("failed to Unmarshal response: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CapabilityException("failed to Unmarshal response: " + e.getMessage());
        }
        if (response == null || !response.isObject()) {
            throw new CapabilityException("failed to Unmarshal response: not a JSON object");
        }
        JsonNode errors = response.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            throw new CapabilityException("graphQL error; path: " + path(first.path("path")) + ", message: "
                    + first.path("message").asText(""));
        }
        ObjectNode result = GoJson.mapper().createObjectNode();
        result.set("data", response.path("data").isMissingNode() ? GoJson.mapper().nullNode() : response.get("data"));
        return GoJson.encode(result);
    }

    static void checkSyntax(String query) {
        try {
            new Parser().parseDocument(query);
        } catch (InvalidSyntaxException e) {
            SourceLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLine() + ", column " + location.getColumn();
            throw new CapabilityException("GraphQL syntax error" + where + ": " + e.getMessage());
        }
    }

    /** Servers send {@code path} as an array of names and indexes; older ones as a string. */
    private static String path(JsonNode path) {
        if (path.isArray()) {
            List<String> parts = new ArrayList<>();
            path.forEach(p -> parts.add(p.asText()));
            return String.join(".", parts);
        }
        return path.asText("");
    }
}
