package dev.atmo.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code atmo --version}, taken from the jar's manifest when there is one. */
public final class Version implements IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"atmo " + current() + " (Runnable ABI A and B; Java " + Runtime.version() + ")"};
    }
}
