package dev.atmo.cli.build;

import dev.atmo.cli.project.ProjectException;

/** A build step failed in a way the compiler output alone does not explain. */
public class BuildException extends ProjectException {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }
}
