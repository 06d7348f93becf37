package dev.atmo.directive;

import static dev.atmo.directive.Directives.load;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading both Directive forms into records that know where they were written. */
class DirectiveLoaderTest {

    private static final String HAND_WRITTEN = """
            identifier: com.suborbital.test
            appVersion: v0.0.1
            atmoVersion: v0.3.0
            headless: yes

            handlers:
              - type: request
                resource: /hello
                method: POST
                steps:
                  - fn: helloworld-rs

              - type: request
                resource: /set/:key
                method: POST
                steps:
                  - group:
                    - fn: cache-set
                      as: set
                    - fn: helloworld-rs
                  - forEach:
                      in: people
                      fn: run-each
                      as: hello-people
                      onErr:
                        any: continue
                response: set

              - type: stream
                resource: /stream
                steps:
                  - fn: helloworld-rs

            schedules:
              - name: every-second
                every:
                  seconds: 1
                state:
                  hello: world
                steps:
                  - fn: helloworld-rs
                    with:
                      data: hello
            """;

    @Test
    void readsTheHandWrittenForm() {
        LoadResult result = load(HAND_WRITTEN);
        Directive d = result.directive();

        assertThat(result.warnings()).isEmpty();
        assertThat(d.identifier()).isEqualTo("com.suborbital.test");
        assertThat(d.appVersion()).isEqualTo("v0.0.1");
        assertThat(d.atmoVersion()).isEqualTo("v0.3.0");
        assertThat(d.headless()).isTrue();
        assertThat(d.runnables()).isEmpty();
        assertThat(d.connections()).isEqualTo(Connections.NONE);
        assertThat(d.handlers()).hasSize(3);

        Handler hello = d.handlers().get(0);
        assertThat(hello.isRequest()).isTrue();
        assertThat(hello.method()).isEqualTo("POST");
        assertThat(hello.resource()).isEqualTo("/hello");
        assertThat(hello.steps()).containsExactly(new Step("helloworld-rs", "", Map.of(), OnErr.none(), List.of(),
                Optional.empty(), new Mark("Directive.yaml", 11, 9), Map.of("fn", new Mark("Directive.yaml", 11, 13))));
        assertThat(hello.response()).isEmpty();

        Handler set = d.handlers().get(1);
        assertThat(set.response()).contains("set");
        Step group = set.steps().get(0);
        assertThat(group.kind()).isEqualTo(StepKind.GROUP);
        assertThat(group.group()).containsExactly(
                new CallSpec("cache-set", "set", Map.of(), OnErr.none(), new Mark("Directive.yaml", 18, 11),
                        Map.of("fn", new Mark("Directive.yaml", 18, 15), "as", new Mark("Directive.yaml", 19, 15))),
                new CallSpec("helloworld-rs", "", Map.of(), OnErr.none(), new Mark("Directive.yaml", 20, 11),
                        Map.of("fn", new Mark("Directive.yaml", 20, 15))));
        Step forEach = set.steps().get(1);
        assertThat(forEach.kind()).isEqualTo(StepKind.FOR_EACH);
        assertThat(forEach.forEach()).contains(new ForEach("people", "run-each", "hello-people",
                new OnErr(Map.of(), "continue", ""), new Mark("Directive.yaml", 22, 11)));

        Handler stream = d.handlers().get(2);
        assertThat(stream.isWebsocketStream()).isTrue();
        assertThat(stream.isNatsStream()).isFalse();
        assertThat(stream.displayName()).isEqualTo(" /stream");

        Schedule schedule = d.schedules().getFirst();
        assertThat(schedule.name()).isEqualTo("every-second");
        assertThat(schedule.every()).isEqualTo(new Every(1, 0, 0, 0));
        assertThat(schedule.state()).containsExactly(Map.entry("hello", "world"));
        assertThat(schedule.steps().getFirst().with()).containsExactly(Map.entry("data", "hello"));
    }

    @Test
    void recordsCarryTheLineAndColumnOfTheirNode() {
        Directive d = load(HAND_WRITTEN).directive();

        assertThat(d.mark()).isEqualTo(new Mark("Directive.yaml", 1, 1));
        assertThat(d.markOf("atmoVersion")).isEqualTo(new Mark("Directive.yaml", 3, 14));
        assertThat(d.handlers()).extracting(h -> h.mark().line()).containsExactly(7, 13, 29);
        assertThat(d.handlers().get(0).mark()).hasToString("Directive.yaml:7:5");
        assertThat(d.handlers().get(1).steps().get(1).mark().line()).isEqualTo(21);
        assertThat(d.schedules().getFirst().mark()).isEqualTo(new Mark("Directive.yaml", 35, 5));
    }

    private static final String MARSHALLED = """
            identifier: com.suborbital.test
            appVersion: v0.0.1
            atmoVersion: v0.3.0
            runnables:
            - name: helloworld-rs
              namespace: default
              lang: rust
              version: ""
              apiVersion: 0.9.2
              fqfn: com.suborbital.test#default::helloworld-rs@v0.0.1
              fqfnUri: ""
            - name: return-err
              namespace: default
              lang: assemblyscript
              version: ""
              draftVersion: ""
              fqfn: com.suborbital.test#default::return-err@v0.0.1
              fqfnUri: ""
            connections:
              nats:
                serverAddress: nats://localhost:4222
            authentication:
              domains:
                api.github.com:
                  headerType: bearer
                  value: env(GITHUB_TOKEN)
            handlers:
            - type: request
              method: POST
              resource: /hello
              steps:
              - fn: helloworld-rs
            - type: stream
              source: nats
              method: ""
              resource: user.login
              steps:
              - fn: helloworld-rs
                as: hello
                onErr:
                  code:
                    400: continue
                  other: return
              - group:
                - fn: return-err
                  with:
                    input: hello
                  onErr:
                    any: continue
              response: hello
              respondTo: user.reply
            schedules:
            - name: tick
              every:
                seconds: 10
              state:
                people: '[]'
              steps:
              - forEach:
                  in: people
                  fn: helloworld-rs
                  as: greetings
            """;

    @Test
    void readsTheSuboMarshalledForm() {
        LoadResult result = load(MARSHALLED);
        Directive d = result.directive();

        assertThat(result.warnings()).isEmpty();
        assertThat(d.runnables()).containsExactly(
                new RunnableDecl("helloworld-rs", "default", "rust", "", "0.9.2",
                        "com.suborbital.test#default::helloworld-rs@v0.0.1", Optional.empty(),
                        new Mark("Directive.yaml", 5, 3)),
                new RunnableDecl("return-err", "default", "assemblyscript", "", "",
                        "com.suborbital.test#default::return-err@v0.0.1", Optional.empty(),
                        new Mark("Directive.yaml", 12, 3)));
        assertThat(d.connections().nats()).contains(new NatsConnection("nats://localhost:4222",
                new Mark("Directive.yaml", 21, 5)));
        assertThat(d.authentication().domains()).containsExactly(Map.entry("api.github.com",
                new DomainAuth("bearer", "env(GITHUB_TOKEN)", new Mark("Directive.yaml", 25, 7))));

        Handler nats = d.handlers().get(1);
        assertThat(nats.isNatsStream()).isTrue();
        assertThat(nats.method()).isEmpty();
        assertThat(nats.respondTo()).contains("user.reply");
        assertThat(nats.steps().get(0).onErr()).isEqualTo(new OnErr(Map.of(400, "continue"), "", "return"));
        assertThat(nats.steps().get(1).group().getFirst().with()).containsExactly(Map.entry("input", "hello"));
        assertThat(d.schedules().getFirst().steps().getFirst().forEach().orElseThrow().in()).isEqualTo("people");

        assertThat(DirectiveValidator.validate(d)).isEmpty();
    }

    @Test
    void mergeKeysCopyAnchoredSteps() {
        Directive d = load("""
                handlers:
                  - type: request
                    steps:
                      - &greet
                        fn: hello
                        onErr:
                          any: continue
                      - <<: *greet
                        as: second
                """).directive();
        Step second = d.handlers().getFirst().steps().get(1);
        assertThat(second.fn()).isEqualTo("hello");
        assertThat(second.as()).isEqualTo("second");
        assertThat(second.onErr().any()).isEqualTo("continue");
    }

    @Test
    void scalarsOfOtherTypesReadAsTheirText() {
        Directive d = load("""
                identifier: 42
                appVersion: 1.0
                atmoVersion: ~
                """).directive();
        assertThat(d.identifier()).isEqualTo("42");
        assertThat(d.appVersion()).isEqualTo("1.0");
        assertThat(d.atmoVersion()).isEmpty();
    }

    @Test
    void laterConnectionsAndQueriesAreRead() {
        Directive d = load("""
                connections:
                  redis:
                    serverAddress: localhost:6379
                    username: env(REDIS_USER)
                    password: secret
                  database:
                    type: postgresql
                    connectionString: env(DB_URL)
                queries:
                  - name: add
                    query: INSERT INTO users (a, b) VALUES (?, ?)
                  - name: get
                    query: "  select * from users where id = $1 and x = $2 and y = '$9'"
                  - name: given
                    type: select
                    varCount: 3
                    query: whatever
                """).directive();
        assertThat(d.connections().redis()).contains(new RedisConnection("localhost:6379", "env(REDIS_USER)", "secret",
                new Mark("Directive.yaml", 3, 5)));
        assertThat(d.connections().redis().orElseThrow().toString()).doesNotContain("secret");
        assertThat(d.connections().database()).contains(new DatabaseConnection("postgresql", "env(DB_URL)",
                new Mark("Directive.yaml", 7, 5)));
        assertThat(d.queries()).extracting(Query::name, Query::type, Query::varCount).containsExactly(
                tuple("add", "insert", 2),
                tuple("get", "select", 2),
                tuple("given", "select", 3));
    }

    @Test
    void abiIsUpperCasedWhenValidAndKeptOtherwise() {
        Directive d = load("""
                runnables:
                  - name: a
                    abi: b
                  - name: b
                    abi: c
                  - name: c
                """).directive();
        assertThat(d.runnables()).extracting(RunnableDecl::abi)
                .containsExactly(Optional.of("B"), Optional.of("c"), Optional.empty());
    }

    @Test
    void referencesResolveLikeAtmo() {
        Directive d = load(MARSHALLED.replace("namespace: default\n  lang: assemblyscript", "namespace: errs\n  lang: assemblyscript")
                .replace("fqfn: com.suborbital.test#default::return-err@v0.0.1", "fqfn: \"\"")).directive();
        RunnableDecl hello = d.runnables().get(0);
        RunnableDecl err = d.runnables().get(1);

        assertThat(d.resolve("helloworld-rs")).contains(hello);
        assertThat(d.resolve("default::helloworld-rs")).contains(hello);
        assertThat(d.resolve("com.suborbital.test#default::helloworld-rs@v0.0.1")).contains(hello);
        assertThat(d.resolve("com.other#default::helloworld-rs@v0.0.1")).isEmpty();
        assertThat(d.resolve("default::helloworld-rs@v9")).isEmpty();
        assertThat(d.resolve("return-err")).isEmpty();
        assertThat(d.resolve("errs::return-err")).contains(err);
        assertThat(d.fqfnOf(err)).hasToString("com.suborbital.test#errs::return-err@v0.0.1");
    }

    @Test
    void aCompleteFqfnGivenInTheDirectiveIsKept() {
        Directive d = load(MARSHALLED.replace("fqfn: com.suborbital.test#default::helloworld-rs@v0.0.1",
                "fqfn: com.suborbital.test#default::helloworld-rs@v0.0.0")).directive();
        assertThat(d.fqfnOf(d.runnables().getFirst())).hasToString("com.suborbital.test#default::helloworld-rs@v0.0.0");
    }

    @Test
    void readsARunnableFile() {
        RunnableLoadResult result = DirectiveLoader.loadRunnable("""
                name: hello
                lang: rust
                apiVersion: 0.12.0
                fqfnUri: ""
                """.getBytes(UTF_8), "hello/.runnable.yaml");
        assertThat(result.runnable()).isEqualTo(new RunnableDecl("hello", "default", "rust", "", "0.12.0", "",
                Optional.empty(), new Mark("hello/.runnable.yaml", 1, 1)));
        assertThat(result.warnings()).isEmpty();
    }
}
