/**
 * The atmo command: new, build, dev, start, validate, bundle, version. It exports nothing; the runnable atmo.jar
 * is built from it with the module descriptors left out, so the jar runs on the class path.
 */
module dev.atmo.cli {
    requires dev.atmo.core;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.fasterxml.jackson.core;
    requires info.picocli;
    requires java.management;
    // the idle collection reads the JVM's flags through HotSpotDiagnosticMXBean
    requires jdk.management;
    requires org.slf4j;

    // picocli sets the commands' options and mixins by reflection
    opens dev.atmo.cli to info.picocli;

    provides ch.qos.logback.classic.spi.Configurator with dev.atmo.cli.log.LogConfigurator;
}
