package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The monitor's flag is set once, unless the property asks for the driver's own registration; a missing class or field is left alone. */
class JfrStartEventsTest {
    /** Stands for a driver's monitor: a static flag its registration checks. */
    static final class Monitor {
        static boolean initialized;
    }

    static final class AskedMonitor {
        static boolean initialized;
    }

    private static final ClassLoader LOADER = JfrStartEventsTest.class.getClassLoader();

    @Test
    void theFlagIsSetSoTheDriverRegistersNothing() {
        JfrStartEvents.skipUnlessRecording(Monitor.class.getName(), "initialized", LOADER, "hygge.test.jfr_unset");
        assertThat(Monitor.initialized).isTrue();
    }

    @Test
    void thePropertyLeavesTheDriversRegistration() {
        System.setProperty("hygge.test.jfr_asked", "true");
        try {
            JfrStartEvents.skipUnlessRecording(AskedMonitor.class.getName(), "initialized", LOADER, "hygge.test.jfr_asked");
        } finally {
            System.clearProperty("hygge.test.jfr_asked");
        }
        assertThat(AskedMonitor.initialized).isFalse();
    }

    @Test
    void aDriverWithoutTheMonitorOrItsFieldIsLeftAsItIs() {
        assertThatCode(() -> JfrStartEvents.skipUnlessRecording("no.such.Monitor", "initialized", LOADER, "hygge.test.jfr_unset"))
                .doesNotThrowAnyException();
        assertThatCode(() -> JfrStartEvents.skipUnlessRecording(Monitor.class.getName() + "$None", "registered", LOADER,
                "hygge.test.jfr_unset")).doesNotThrowAnyException();
    }
}
