package dev.atmo.cli;

import dev.atmo.cli.project.DirectiveEdit;
import dev.atmo.cli.project.Language;
import dev.atmo.cli.project.ProjectException;
import dev.atmo.cli.project.ProjectLayout;
import dev.atmo.cli.project.RunnableFolder;
import dev.atmo.cli.project.Scaffold;
import dev.atmo.cli.project.Sdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code atmo new runnable NAME --lang L [--route METHOD /path]}: adds a Runnable folder to a project and, with
 * {@code --route}, a handler for it to the Directive; a changed Directive is validated before anything is written.
 */
@Command(name = "runnable", mixinStandardHelpOptions = true,
        description = "Adds a Runnable to a project and, with --route, a handler calling it to Directive.yaml.")
final class NewRunnableCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "lowercase letters, digits and '-'")
    String name;

    @Option(names = "--lang", paramLabel = "LANG", required = true,
            description = "rust, assemblyscript (as, ts, typescript) or c")
    String language;

    @Option(names = "--route", arity = "2", paramLabel = "METHOD /PATH", hideParamSyntax = true,
            description = "add a request handler for this route, for example --route POST /greet; may be repeated")
    List<String> route = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "PROJECT", defaultValue = ".",
            description = "the project directory (default: the current one)")
    Path project;

    @Override
    public Integer call() {
        try {
            Language lang = Language.of(language);
            Scaffold.checkNewRunnable(project, name);
            Path directiveFile = project.resolve("Directive.yaml").normalize();
            String before = Files.readString(directiveFile, StandardCharsets.UTF_8);
            DirectiveEdit edit = new DirectiveEdit(directiveFile.toString(), before).declareRunnable(name, lang);
            List<String> routes = new ArrayList<>();
            for (int i = 0; i + 1 < route.size(); i += 2) {
                edit.addRoute(route.get(i), route.get(i + 1), name);
                routes.add(route.get(i).toUpperCase(Locale.ROOT) + " " + route.get(i + 1));
            }
            boolean changed = !edit.text().equals(before);
            if (changed) {
                List<String> runnables = new ArrayList<>(ProjectLayout.declaredNames(project));
                runnables.add(name);
                edit.validate(runnables);
            }
            RunnableFolder created = new Scaffold(Sdk.locate(System.getenv())).addRunnable(project, name, lang);
            if (changed) {
                Path temporary = directiveFile.resolveSibling("Directive.yaml.tmp");
                Files.writeString(temporary, edit.text(), StandardCharsets.UTF_8);
                Files.move(temporary, directiveFile, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            System.out.println("created " + created.label() + " in " + created.folder()
                    + (routes.isEmpty() ? "" : "; " + String.join(", ", routes)
                            + (routes.size() == 1 ? " calls it" : " call it")));
            return 0;
        } catch (ProjectException e) {
            return Failures.report("new runnable", e);
        } catch (IOException e) {
            System.err.println("atmo new runnable: " + e.getMessage());
            return 1;
        }
    }
}
