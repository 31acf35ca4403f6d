package dev.dhcpharvester.cli.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * SIGHUP, the Unix way to say "look again", through the JDK's {@code sun.misc.Signal} (module
 * jdk.unsupported, on every JDK since 9). It is reached by reflection because javac warns on any
 * direct use of that API, and the build treats warnings as errors.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code action} on every SIGHUP; returns null, or why it cannot: the JDK offers no signal
     * handling, or the process was started with SIGHUP ignored (nohup), which the JVM respects by
     * not installing a handler at all.
     */
    static String onHangup(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            InvocationHandler onSignal = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    action.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "SIGHUP handler";
            };
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, onSignal);
            Object previous = signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
            return previous == handler.getField("SIG_IGN").get(null)
                    ? "SIGHUP is ignored by this process (started with nohup?)" : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "this Java runtime offers no signal handling";
        }
    }
}
