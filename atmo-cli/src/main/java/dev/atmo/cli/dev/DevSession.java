package dev.atmo.cli.dev;

import dev.atmo.bundle.BundleException;
import dev.atmo.cli.build.BuildResult;
import dev.atmo.cli.build.ProjectBuilder;
import dev.atmo.cli.project.ProjectException;
import dev.atmo.cli.project.ProjectLayout;
import dev.atmo.cli.project.RunnableFolder;
import dev.atmo.server.AtmoServer;
import dev.atmo.server.ServerOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atmo dev}: builds every Runnable, serves the project directory, and watches it. A changed Runnable is
 * rebuilt and the server reloads; a failed build prints the compiler's output and the running modules keep
 * serving. A change to {@code Directive.yaml} or {@code static/} reloads without building.
 */
public final class DevSession implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofMillis(300);

    private final Path project;
    private final ServerOptions options;
    private final ProjectBuilder builder;
    private final PrintStream out;
    private final Map<RunnableFolder, String> seen = new HashMap<>();
    private String seenApplication = "";
    private String lastProblem = "";
    private AtmoServer server;
    private volatile boolean stopped;

    /**
     * @param options how to serve; its bundle must be {@code project}
     */
    public DevSession(Path project, ServerOptions options, ProjectBuilder builder, PrintStream out) {
        this.project = project;
        this.options = options;
        this.builder = builder;
        this.out = out;
    }

    /** Builds, serves and watches until {@link #close()} or an interrupt. */
    public void run() {
        List<RunnableFolder> runnables = runnables();
        seen.putAll(fingerprints(runnables));
        seenApplication = applicationFingerprint();
        builder.buildAll(runnables);
        serve();
        while (!stopped) {
            try {
                Thread.sleep(INTERVAL);
                Map<RunnableFolder, String> now = fingerprints(runnables());
                String application = applicationFingerprint();
                if (changed(now).isEmpty() && application.equals(seenApplication)) {
                    continue;
                }
                // an editor may write in several steps: wait until the files hold still
                Thread.sleep(INTERVAL);
                if (!now.equals(fingerprints(runnables())) || !application.equals(applicationFingerprint())) {
                    continue;
                }
                List<RunnableFolder> changed = changed(now);
                changed.forEach(r -> seen.put(r, now.get(r)));
                seenApplication = application;
                lastProblem = "";
                rebuild(changed);
            } catch (InterruptedException e) {
                return;
            } catch (ProjectException e) {
                // checked again on every tick: say it once, not every 300 ms
                if (!e.getMessage().equals(lastProblem)) {
                    out.println("atmo dev: " + e.getMessage());
                    lastProblem = e.getMessage();
                }
            }
        }
    }

    /**
     * Builds what changed (its fingerprint was taken before, so what is saved during the build is seen on the
     * next round), then serves the result unless a build failed.
     */
    private void rebuild(List<RunnableFolder> changed) {
        List<BuildResult> results = builder.buildAll(changed);
        List<String> failed = results.stream().filter(r -> !r.ok()).map(r -> r.runnable().name()).toList();
        if (!failed.isEmpty()) {
            out.println((server == null ? "not serving yet" : "still serving the previous build of "
                    + String.join(", ", failed)) + "; fix the error and save again");
            return;
        }
        serve();
    }

    /**
     * Starts the server on the first valid project, reloads it afterwards. An invalid project is reported and
     * waited for; any other failure to start (a port in use) ends the session.
     */
    private synchronized void serve() {
        if (stopped) {
            return;
        }
        if (server != null) {
            server.reload();
            return;
        }
        try {
            server = AtmoServer.start(options);
        } catch (BundleException e) {
            e.problems().forEach(out::println);
            out.println("atmo dev: not serving yet, the project has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; watching for changes");
        }
    }

    private static Map<RunnableFolder, String> fingerprints(List<RunnableFolder> runnables) {
        Map<RunnableFolder, String> fingerprints = new LinkedHashMap<>();
        runnables.forEach(r -> fingerprints.put(r, SourceWatcher.fingerprint(r.folder())));
        return fingerprints;
    }

    /** Runnables whose sources differ from those last built, including new ones. */
    private List<RunnableFolder> changed(Map<RunnableFolder, String> now) {
        List<RunnableFolder> changed = new ArrayList<>();
        now.forEach((runnable, fingerprint) -> {
            if (!fingerprint.equals(seen.get(runnable))) {
                changed.add(runnable);
            }
        });
        return changed;
    }

    private String applicationFingerprint() {
        return SourceWatcher.fingerprint(project.resolve("Directive.yaml"))
                + SourceWatcher.fingerprint(project.resolve("static"))
                + runnables().stream().map(r -> r.folder().toString()).toList();
    }

    private List<RunnableFolder> runnables() {
        return ProjectLayout.runnables(project);
    }

    /** Stops watching and stops the server, letting in-flight requests finish. */
    @Override
    public synchronized void close() {
        stopped = true;
        if (server != null) {
            server.close();
        }
    }
}
