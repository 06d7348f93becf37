package dev.atmo.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back while the server idles: with the G1 collector, asks for a collection when none has run for a
 * while, so that the young generation a burst of requests filled is emptied and its memory returned instead of
 * staying resident. Busy servers collect often enough that the periodic collection never fires. An interval the
 * operator set on the command line ({@code -XX:G1PeriodicGCInterval}) is left as it is.
 */
final class IdleMemory {
    static final String OPTION = "G1PeriodicGCInterval";
    private static final Logger LOG = LoggerFactory.getLogger("dev.atmo");

    private IdleMemory() {
    }

    /** Sets the interval unless it was set already or the collector is not G1; says which in the returned text. */
    static String collectAfter(Duration idle) {
        if (idle.isZero()) {
            return "off";
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!vm.getVMOption("UseG1GC").getValue().equals("true")) {
                return "not G1";
            }
            VMOption current = vm.getVMOption(OPTION);
            if (current.getOrigin() != VMOption.Origin.DEFAULT) {
                return "set by the operator to " + current.getValue() + " ms";
            }
            vm.setVMOption(OPTION, Long.toString(idle.toMillis()));
            return idle.toMillis() + " ms";
        } catch (RuntimeException e) {
            LOG.debug("the idle collection interval could not be set: {}", e.toString());
            return "unavailable";
        }
    }

    /** As {@link #collectAfter}, on a thread of its own, so that loading the management classes adds nothing to the start. */
    static void collectAfterInBackground(Duration idle) {
        Thread.ofVirtual().name("idle-memory").start(() ->
                LOG.debug("collection after {} idle: {}", idle, collectAfter(idle)));
    }
}
